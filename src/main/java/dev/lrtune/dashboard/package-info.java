/**
 * The dashboard: static pages under {@code src/main/resources/static} (plain HTML and JavaScript, plotted with uPlot
 * from its webjar, no front-end build) that read the public API, and the shareable page URLs that lead to them.
 */
package dev.lrtune.dashboard;
