/**
 * Seeded synthetic datasets ({@code linear}, {@code blobs}, {@code moons}, {@code circles}, {@code spirals},
 * {@code xor}) and the parser of their reference strings {@code synthetic:<generator>?k=v&...}. The same
 * parameters always give the same rows, bit for bit.
 */
package dev.lrtune.core.data.synthetic;
