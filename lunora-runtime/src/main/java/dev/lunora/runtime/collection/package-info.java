/**
 * Live client collections: synced server rows plus an optimistic overlay of pending local writes, and the
 * definitions (sync source, scope, insert binding) they are built from.
 */
package dev.lunora.runtime.collection;
