package io.github.codefind;

import io.github.codefind.conform.CodeUnit;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Which loaded class, method or lambda lives at which file and line, as the class files' line tables
 * tell it. Built lazily, per source file or class, on first query; patches keep it current.
 *
 * <p>Files are named by path, absolute or relative; a class matches when its package path and its
 * {@code SourceFile} attribute end the path, so {@code /src/main/java/com/example/A.java} and
 * {@code com/example/A.java} both find {@code com.example.A} and its nested, local and anonymous
 * classes. Line ranges come from line tables: a method's range runs from its first to its last line
 * with code, so a signature line or a closing brace on its own line is outside it.
 */
public interface CodeRegistry {
    /**
     * Every unit of the loaded classes compiled from a file: classes, methods, constructors and
     * lambdas, ordered by first line.
     *
     * @param sourceFile the source file's path
     * @return the units, with their source ranges
     */
    List<CodeUnit> unitsIn(String sourceFile);

    /**
     * The innermost unit whose lines include a line: a lambda before the method around it, a method
     * before its class.
     *
     * @param sourceFile the source file's path
     * @param line a line number, from 1
     * @return the unit, if any loaded code is on that line
     */
    Optional<CodeUnit> unitAt(String sourceFile, int line);

    /**
     * Finds units by qualified name: a class ({@code com.example.A}, {@code com.example.A$B} or
     * {@code com.example.A.B}), the methods of a name ({@code com.example.A.run}, constructors as
     * {@code <init>}), or one method ({@code com.example.A.run(I)V}).
     *
     * @param qualifiedName the name
     * @return the loaded units it names, with their source ranges
     */
    List<CodeUnit> find(String qualifiedName);

    /**
     * The class file a loaded class currently runs: the bytes of its last patch, or else the ones its
     * loader serves.
     *
     * @param type a loaded class
     * @return the class file
     * @throws IOException if it cannot be read
     */
    byte[] classFile(Class<?> type) throws IOException;
}
