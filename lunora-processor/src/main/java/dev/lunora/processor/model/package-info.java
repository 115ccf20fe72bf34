/**
 * Immutable values describing a Lunora app as the processor understood it: tables, functions and the bindings
 * between them. Built by the analysis, read by the writers; no compiler elements inside.
 */
package dev.lunora.processor.model;
