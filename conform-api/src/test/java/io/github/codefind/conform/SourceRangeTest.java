package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Example-based tests for {@link SourceRange}. */
class SourceRangeTest {

    @Test
    void componentsAreKept() {
        SourceRange r = new SourceRange("/src/A.java", 3, 7);
        assertEquals("/src/A.java", r.file());
        assertEquals(3, r.firstLine());
        assertEquals(7, r.lastLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\n "})
    void blankFilesAreRejected(String file) {
        assertThrows(IllegalArgumentException.class, () -> new SourceRange(file, 1, 1));
    }

    @Test
    void nullFileIsRejected() {
        assertThrows(NullPointerException.class, () -> new SourceRange(null, 1, 1));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0, 5", "-1, 3", "5, 4", "2, 1", "-2147483648, 1", "1, -2147483648"})
    void badLineRangesAreRejected(int first, int last) {
        assertThrows(IllegalArgumentException.class, () -> new SourceRange("A.java", first, last));
    }

    @Test
    void aSingleLineIsARange() {
        SourceRange r = new SourceRange("A.java", 1, 1);
        assertTrue(r.contains(1));
        assertFalse(r.contains(0));
        assertFalse(r.contains(2));
        assertEquals(new SourceRange("A.java", Integer.MAX_VALUE, Integer.MAX_VALUE).firstLine(), Integer.MAX_VALUE);
    }

    @Test
    void containsIsInclusiveAtBothEnds() {
        SourceRange r = new SourceRange("A.java", 10, 12);
        assertFalse(r.contains(9));
        assertTrue(r.contains(10));
        assertTrue(r.contains(11));
        assertTrue(r.contains(12));
        assertFalse(r.contains(13));
        assertFalse(r.contains(0));
        assertFalse(r.contains(-11));
        assertFalse(r.contains(Integer.MIN_VALUE));
        assertFalse(r.contains(Integer.MAX_VALUE));
    }

    @Test
    void shiftMovesBothEnds() {
        SourceRange r = new SourceRange("A.java", 10, 12);
        assertEquals(new SourceRange("A.java", 13, 15), r.shift(3));
        assertEquals(new SourceRange("A.java", 1, 3), r.shift(-9));
        assertEquals(r, r.shift(0));
        assertEquals(r, r.shift(5).shift(-5));
    }

    @Test
    void shiftBeforeLineOneIsRejected() {
        SourceRange r = new SourceRange("A.java", 10, 12);
        assertThrows(IllegalArgumentException.class, () -> r.shift(-10));
        assertThrows(IllegalArgumentException.class, () -> r.shift(Integer.MIN_VALUE));
    }

    @Test
    void shiftPastTheLastRepresentableLineIsRejectedNotWrapped() {
        SourceRange r = new SourceRange("A.java", 10, 12);
        assertThrows(IllegalArgumentException.class, () -> r.shift(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> r.shift(Integer.MAX_VALUE - 10));
    }

    @Test
    void toStringShowsFileAndLines() {
        assertEquals("A.java:3", new SourceRange("A.java", 3, 3).toString());
        assertEquals("A.java:3-5", new SourceRange("A.java", 3, 5).toString());
        assertEquals("/src/main/java/a/B.java:1-200", new SourceRange("/src/main/java/a/B.java", 1, 200).toString());
    }
}
