/**
 * Writes the generated sources from the app model with JavaPoet: the {@code Api} function references, the
 * {@code LunoraTables} metamodels and the {@code LunoraCollections} client binding. Pure functions of the model.
 */
package dev.lunora.processor.writing;
