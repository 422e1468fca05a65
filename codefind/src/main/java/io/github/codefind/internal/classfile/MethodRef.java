package io.github.codefind.internal.classfile;

/**
 * A reference to a method inside bytecode, kept apart from other tokens so that a comparison can
 * map renamed lambdas onto their old names.
 *
 * @param owner the internal name of the owner
 * @param name the method name
 * @param descriptor the method descriptor
 */
record MethodRef(String owner, String name, String descriptor) {
    /** @return the key ASM's SimpleRemapper uses for a method: {@code owner.name+descriptor} */
    String remapperKey() {
        return owner + "." + name + descriptor;
    }
}
