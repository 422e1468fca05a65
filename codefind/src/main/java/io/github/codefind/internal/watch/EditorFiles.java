package io.github.codefind.internal.watch;

/** Names of the files editors create while saving, which are never the file the user edits. */
final class EditorFiles {
    private EditorFiles() {
    }

    /**
     * @param name a file name
     * @return true for an editor's lock, swap, backup or temporary file
     */
    static boolean isTemporary(String name) {
        return name.startsWith(".#") // Emacs lock (a dangling symbolic link)
                || name.length() > 1 && name.startsWith("#") && name.endsWith("#") // Emacs auto-save
                || name.endsWith("~") // backups: Emacs, Vim, gedit, Kate
                || isVimSwap(name)
                || isVimProbe(name)
                || name.endsWith("___jb_tmp___") || name.endsWith("___jb_old___") // IntelliJ safe write
                || name.startsWith(".goutputstream-") // GIO (gedit and GNOME editors)
                || name.endsWith(".kate-swp"); // Kate
    }

    /** Vim and nano swap files: {@code .Foo.java.swp}, then {@code .swo} down to {@code .swa}; {@code .swx}. */
    private static boolean isVimSwap(String name) {
        int n = name.length();
        if (name.endsWith(".swp") || name.endsWith(".swx")) {
            return true;
        }
        if (n < 6 || name.charAt(0) != '.' || !name.startsWith(".sw", n - 4)) {
            return false;
        }
        char last = name.charAt(n - 1);
        return last >= 'a' && last <= 'p';
    }

    /** Vim checks that it may create files in a directory by creating 4913, or 4913 + 123k if taken. */
    private static boolean isVimProbe(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        int number = Integer.parseInt(name);
        return number >= 4913 && (number - 4913) % 123 == 0;
    }
}
