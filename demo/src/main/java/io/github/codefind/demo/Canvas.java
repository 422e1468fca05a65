package io.github.codefind.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A grid of coloured characters, drawn into and then turned into lines of text. */
final class Canvas {
    private final int width;
    private final int height;
    private final char[][] glyphs;
    private final int[][] colours;

    /**
     * An empty grid.
     *
     * @param width columns
     * @param height rows
     */
    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        glyphs = new char[height][width];
        colours = new int[height][width];
        for (char[] row : glyphs) {
            Arrays.fill(row, ' ');
        }
    }

    /** Sets one cell; cells outside the grid are ignored. */
    void put(int x, int y, char glyph, int colour) {
        if (x >= 0 && x < width && y >= 0 && y < height) {
            glyphs[y][x] = glyph;
            colours[y][x] = colour;
        }
    }

    /** Writes text from a cell rightwards; its spaces are transparent. */
    void text(int x, int y, String text, int colour) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != ' ') {
                put(x + i, y, text.charAt(i), colour);
            }
        }
    }

    /**
     * @param ansi whether to colour the cells with ANSI escape codes (SGR); otherwise plain text
     * @return one line per row, in a list the caller may add to
     */
    List<String> lines(boolean ansi) {
        List<String> lines = new ArrayList<>(height + 2);
        for (int y = 0; y < height; y++) {
            StringBuilder line = new StringBuilder(width * 2);
            int current = 0;
            for (int x = 0; x < width; x++) {
                int colour = colours[y][x];
                if (ansi && colour != current && glyphs[y][x] != ' ') {
                    line.append("\033[").append(colour).append('m');
                    current = colour;
                }
                line.append(glyphs[y][x]);
            }
            if (ansi && current != 0) {
                line.append("\033[0m");
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Pads or cuts text to exactly {@code width} characters. */
    static String fit(String text, int width) {
        return text.length() >= width ? text.substring(0, width) : text + " ".repeat(width - text.length());
    }
}
