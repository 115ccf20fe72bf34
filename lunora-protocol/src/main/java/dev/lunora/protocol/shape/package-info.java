/**
 * Client-side frame application pinned by the fixtures: atomic shape pokes into keyed views and the
 * pageDelta merge of a row operation into a cached paginated value.
 */
package dev.lunora.protocol.shape;
