/**
 * The codefind demo: a terminal aquarium to edit while it runs.
 *
 * <ul>
 *   <li>{@link io.github.codefind.demo.Demo}: the main class; draws a frame every 100 ms.
 *   <li>{@link io.github.codefind.demo.Aquarium}: the simulation, and the lines to edit.
 *   <li>{@link io.github.codefind.demo.Palette}: a cache of sprites that conforms to patches.
 * </ul>
 */
package io.github.codefind.demo;
