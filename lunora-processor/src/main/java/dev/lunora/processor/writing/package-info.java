/**
 * Writes the generated sources from the app model with JavaPoet: the {@code Api} function references and the
 * {@code LunoraCollections} client binding. Pure functions of the model; no compiler elements.
 */
package dev.lunora.processor.writing;
