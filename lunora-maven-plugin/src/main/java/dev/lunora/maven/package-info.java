/**
 * The Maven face of the Lunora analysis: {@code mvn lunora:generate} runs the same processor that the compile runs,
 * over a project's sources, and writes what it generates where the developer can read it.
 */
package dev.lunora.maven;
