/**
 * The Lunora annotation processor: a thin entry point that collects the app's declarations across rounds and runs
 * analysis, validation and writing once, without ever letting a failure crash the compiler.
 */
package dev.lunora.processor;
