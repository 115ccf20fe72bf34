/**
 * Annotations that declare a Lunora app: tables ({@link dev.lunora.annotations.Table}) and backend functions
 * ({@link dev.lunora.annotations.Functions}, {@link dev.lunora.annotations.Query}, {@link dev.lunora.annotations.Mutation}).
 */
package dev.lunora.annotations;
