package io.github.codefind.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import io.github.codefind.conform.SourceRange;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {
    private static final ClassUnit AQUARIUM = ClassUnit.of(Aquarium.class);
    private static final MethodUnit SPRITE = MethodUnit.of(AQUARIUM, "sprite", "(Ljava/lang/String;)Ljava/lang/String;");
    private static final MethodUnit COLOUR = MethodUnit.of(AQUARIUM, "colour", "(Ljava/lang/String;)I");
    private static final MethodUnit SPEED = MethodUnit.of(AQUARIUM, "speed", "(Ljava/lang/String;)D");

    private final Palette palette = new Palette();

    /** A change as codefind reports an edited method: same unit, moved source, given kinds. */
    private static Change modified(CodeUnit unit, ChangeKind first, ChangeKind... rest) {
        return Change.modified(unit.withSource(new SourceRange("Aquarium.java", 26, 34)),
                unit.withSource(new SourceRange("Aquarium.java", 27, 35)), EnumSet.of(first, rest));
    }

    /** What every patch of Aquarium carries besides its member changes. */
    private static Change redefined() {
        return modified(AQUARIUM, ChangeKind.REDEFINED);
    }

    @Test
    void memoisesLooksAndMirrorsSprites() {
        Palette.Look guppy = palette.look("guppy");
        assertSame(guppy, palette.look("guppy"));
        assertEquals(Aquarium.sprite("guppy"), guppy.right());
        assertEquals("<')))><", Palette.mirror("><((('>"));
        assertEquals(Aquarium.colour("guppy"), guppy.colour());
    }

    @Test
    void declaresTheMemoisedMethods() throws ReflectiveOperationException {
        assertEquals(Set.of(SPRITE, COLOUR), palette.codeDependencies());
        // The units name real methods: a rename would leave the palette deaf to patches.
        assertEquals("sprite", SPRITE.resolveIn(Aquarium.class).getName());
        assertEquals("colour", COLOUR.resolveIn(Aquarium.class).getName());
    }

    @Test
    void dropsTheLooksWhenTheSpriteMethodChanges() {
        Palette.Look before = palette.look("guppy");
        palette.conform(new Patch(3, List.of(redefined(), modified(SPRITE, ChangeKind.BODY))));
        assertNotSame(before, palette.look("guppy"));
        assertEquals("palette rebuilt (patch #3: sprite)", palette.notice());
    }

    @Test
    void dropsTheLooksWhenTheColourMethodIsRemoved() {
        Palette.Look before = palette.look("shark");
        palette.conform(new Patch(4, List.of(redefined(), Change.removed(COLOUR))));
        assertNotSame(before, palette.look("shark"));
        assertTrue(palette.notice().startsWith("palette rebuilt (patch #4"), palette.notice());
    }

    @Test
    void keepsTheLooksWhenOtherCodeChanges() {
        Palette.Look before = palette.look("guppy");
        palette.conform(new Patch(5, List.of(redefined(), modified(SPEED, ChangeKind.BODY))));
        palette.conform(new Patch(6, List.of(redefined())));
        palette.conform(new Patch(7, List.of(redefined(), modified(SPRITE, ChangeKind.LINES))));
        assertSame(before, palette.look("guppy"));
        assertEquals("palette kept (patch #7)", palette.notice());
    }

    @Test
    void dropsTheLooksWhenItsOwnCodeChanges() {
        Palette.Look before = palette.look("guppy");
        MethodUnit mirror = MethodUnit.of(ClassUnit.of(Palette.class), "mirror", "(Ljava/lang/String;)Ljava/lang/String;");
        palette.conform(new Patch(8, List.of(modified(ClassUnit.of(Palette.class), ChangeKind.REDEFINED),
                modified(mirror, ChangeKind.BODY))));
        assertNotSame(before, palette.look("guppy"));
        assertEquals("palette rebuilt (patch #8: Palette)", palette.notice());
    }
}
