/**
 * The catalog of every message the Lunora processor prints, each tagged {@code [Lunora/RuleName]}, and the
 * reporter that attaches them to an element and its annotation.
 */
package dev.lunora.processor.diagnostics;
