/**
 * Turns compiler elements into the Lunora model: reads declarations, scans mutation bodies for inserts (the only
 * package that touches the compiler Tree API) and decides each table's sync source and insert binding.
 */
package dev.lunora.processor.analysis;
