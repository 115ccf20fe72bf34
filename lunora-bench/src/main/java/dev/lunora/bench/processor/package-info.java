/**
 * The processor-time benchmark: a synthetic app of {@code @Table} records and {@code @Functions} interfaces,
 * compiled in-process by plain {@code javac} and by {@code javac} with the Lunora processor, to show what the
 * processor adds to a build.
 */
package dev.lunora.bench.processor;
