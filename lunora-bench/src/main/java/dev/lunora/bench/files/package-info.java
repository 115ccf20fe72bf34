/** File-system chores shared by the benchmarks: scratch folders and their removal. */
package dev.lunora.bench.files;
