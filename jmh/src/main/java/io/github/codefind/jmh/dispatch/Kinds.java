package io.github.codefind.jmh.dispatch;

/**
 * Sixty-four argument classes for the dispatch ratio benchmark, all final subclasses of {@link Kind}.
 * Written out, not generated at run time, so that the hand-written chain they are compared with is
 * ordinary compiled code.
 */
public final class Kinds {
    private Kinds() {
    }

    /** The common superclass: each kind carries a value the handlers read, so that they do some work. */
    public abstract static class Kind {
        /** The kind's number. */
        final int v;

        Kind(int v) {
            this.v = v;
        }
    }

    /** @return one instance of each of the {@value #COUNT} kinds, in order */
    public static Kind[] all() {
        return new Kind[] {
            new K0(), new K1(), new K2(), new K3(), new K4(), new K5(), new K6(), new K7(), new K8(), new K9(),
            new K10(), new K11(), new K12(), new K13(), new K14(), new K15(), new K16(), new K17(), new K18(),
            new K19(), new K20(), new K21(), new K22(), new K23(), new K24(), new K25(), new K26(), new K27(),
            new K28(), new K29(), new K30(), new K31(), new K32(), new K33(), new K34(), new K35(), new K36(),
            new K37(), new K38(), new K39(), new K40(), new K41(), new K42(), new K43(), new K44(), new K45(),
            new K46(), new K47(), new K48(), new K49(), new K50(), new K51(), new K52(), new K53(), new K54(),
            new K55(), new K56(), new K57(), new K58(), new K59(), new K60(), new K61(), new K62(), new K63()};
    }

    /** How many kinds there are. */
    public static final int COUNT = 64;

    /** Kind 0. */
    public static final class K0 extends Kind { K0() { super(0); } }
    /** Kind 1. */
    public static final class K1 extends Kind { K1() { super(1); } }
    /** Kind 2. */
    public static final class K2 extends Kind { K2() { super(2); } }
    /** Kind 3. */
    public static final class K3 extends Kind { K3() { super(3); } }
    /** Kind 4. */
    public static final class K4 extends Kind { K4() { super(4); } }
    /** Kind 5. */
    public static final class K5 extends Kind { K5() { super(5); } }
    /** Kind 6. */
    public static final class K6 extends Kind { K6() { super(6); } }
    /** Kind 7. */
    public static final class K7 extends Kind { K7() { super(7); } }
    /** Kind 8. */
    public static final class K8 extends Kind { K8() { super(8); } }
    /** Kind 9. */
    public static final class K9 extends Kind { K9() { super(9); } }
    /** Kind 10. */
    public static final class K10 extends Kind { K10() { super(10); } }
    /** Kind 11. */
    public static final class K11 extends Kind { K11() { super(11); } }
    /** Kind 12. */
    public static final class K12 extends Kind { K12() { super(12); } }
    /** Kind 13. */
    public static final class K13 extends Kind { K13() { super(13); } }
    /** Kind 14. */
    public static final class K14 extends Kind { K14() { super(14); } }
    /** Kind 15. */
    public static final class K15 extends Kind { K15() { super(15); } }
    /** Kind 16. */
    public static final class K16 extends Kind { K16() { super(16); } }
    /** Kind 17. */
    public static final class K17 extends Kind { K17() { super(17); } }
    /** Kind 18. */
    public static final class K18 extends Kind { K18() { super(18); } }
    /** Kind 19. */
    public static final class K19 extends Kind { K19() { super(19); } }
    /** Kind 20. */
    public static final class K20 extends Kind { K20() { super(20); } }
    /** Kind 21. */
    public static final class K21 extends Kind { K21() { super(21); } }
    /** Kind 22. */
    public static final class K22 extends Kind { K22() { super(22); } }
    /** Kind 23. */
    public static final class K23 extends Kind { K23() { super(23); } }
    /** Kind 24. */
    public static final class K24 extends Kind { K24() { super(24); } }
    /** Kind 25. */
    public static final class K25 extends Kind { K25() { super(25); } }
    /** Kind 26. */
    public static final class K26 extends Kind { K26() { super(26); } }
    /** Kind 27. */
    public static final class K27 extends Kind { K27() { super(27); } }
    /** Kind 28. */
    public static final class K28 extends Kind { K28() { super(28); } }
    /** Kind 29. */
    public static final class K29 extends Kind { K29() { super(29); } }
    /** Kind 30. */
    public static final class K30 extends Kind { K30() { super(30); } }
    /** Kind 31. */
    public static final class K31 extends Kind { K31() { super(31); } }
    /** Kind 32. */
    public static final class K32 extends Kind { K32() { super(32); } }
    /** Kind 33. */
    public static final class K33 extends Kind { K33() { super(33); } }
    /** Kind 34. */
    public static final class K34 extends Kind { K34() { super(34); } }
    /** Kind 35. */
    public static final class K35 extends Kind { K35() { super(35); } }
    /** Kind 36. */
    public static final class K36 extends Kind { K36() { super(36); } }
    /** Kind 37. */
    public static final class K37 extends Kind { K37() { super(37); } }
    /** Kind 38. */
    public static final class K38 extends Kind { K38() { super(38); } }
    /** Kind 39. */
    public static final class K39 extends Kind { K39() { super(39); } }
    /** Kind 40. */
    public static final class K40 extends Kind { K40() { super(40); } }
    /** Kind 41. */
    public static final class K41 extends Kind { K41() { super(41); } }
    /** Kind 42. */
    public static final class K42 extends Kind { K42() { super(42); } }
    /** Kind 43. */
    public static final class K43 extends Kind { K43() { super(43); } }
    /** Kind 44. */
    public static final class K44 extends Kind { K44() { super(44); } }
    /** Kind 45. */
    public static final class K45 extends Kind { K45() { super(45); } }
    /** Kind 46. */
    public static final class K46 extends Kind { K46() { super(46); } }
    /** Kind 47. */
    public static final class K47 extends Kind { K47() { super(47); } }
    /** Kind 48. */
    public static final class K48 extends Kind { K48() { super(48); } }
    /** Kind 49. */
    public static final class K49 extends Kind { K49() { super(49); } }
    /** Kind 50. */
    public static final class K50 extends Kind { K50() { super(50); } }
    /** Kind 51. */
    public static final class K51 extends Kind { K51() { super(51); } }
    /** Kind 52. */
    public static final class K52 extends Kind { K52() { super(52); } }
    /** Kind 53. */
    public static final class K53 extends Kind { K53() { super(53); } }
    /** Kind 54. */
    public static final class K54 extends Kind { K54() { super(54); } }
    /** Kind 55. */
    public static final class K55 extends Kind { K55() { super(55); } }
    /** Kind 56. */
    public static final class K56 extends Kind { K56() { super(56); } }
    /** Kind 57. */
    public static final class K57 extends Kind { K57() { super(57); } }
    /** Kind 58. */
    public static final class K58 extends Kind { K58() { super(58); } }
    /** Kind 59. */
    public static final class K59 extends Kind { K59() { super(59); } }
    /** Kind 60. */
    public static final class K60 extends Kind { K60() { super(60); } }
    /** Kind 61. */
    public static final class K61 extends Kind { K61() { super(61); } }
    /** Kind 62. */
    public static final class K62 extends Kind { K62() { super(62); } }
    /** Kind 63. */
    public static final class K63 extends Kind { K63() { super(63); } }
}
