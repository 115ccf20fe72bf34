/**
 * The rules a Lunora declaration must satisfy: each check reports its catalog message on the offending element
 * and tells the caller whether the declaration may be used to generate bindings.
 */
package dev.lunora.processor.validation;
