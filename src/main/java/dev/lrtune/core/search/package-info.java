/**
 * The measured learning rate: {@link dev.lrtune.core.search.LrSearch} runs a range test, then races rates placed
 * around its suggestions by {@link dev.lrtune.core.search.SuccessiveHalving} for the run the user intends
 * ({@link dev.lrtune.core.search.SearchSpec}), and answers with the winning rate and the evidence
 * ({@link dev.lrtune.core.search.SearchResult}). Successive halving here is also what studies use.
 *
 * <p>Plain Java: no Spring, JPA, Jackson or I/O.
 */
package dev.lrtune.core.search;
