package io.github.codefind.jmh.dispatch;

import io.github.codefind.jmh.dispatch.Kinds.Kind;
import io.github.codefind.jmh.dispatch.Kinds.K0;
import io.github.codefind.jmh.dispatch.Kinds.K1;
import io.github.codefind.jmh.dispatch.Kinds.K2;
import io.github.codefind.jmh.dispatch.Kinds.K3;
import io.github.codefind.jmh.dispatch.Kinds.K4;
import io.github.codefind.jmh.dispatch.Kinds.K5;
import io.github.codefind.jmh.dispatch.Kinds.K6;
import io.github.codefind.jmh.dispatch.Kinds.K7;
import io.github.codefind.jmh.dispatch.Kinds.K8;
import io.github.codefind.jmh.dispatch.Kinds.K9;
import io.github.codefind.jmh.dispatch.Kinds.K10;
import io.github.codefind.jmh.dispatch.Kinds.K11;
import io.github.codefind.jmh.dispatch.Kinds.K12;
import io.github.codefind.jmh.dispatch.Kinds.K13;
import io.github.codefind.jmh.dispatch.Kinds.K14;
import io.github.codefind.jmh.dispatch.Kinds.K15;
import io.github.codefind.jmh.dispatch.Kinds.K16;
import io.github.codefind.jmh.dispatch.Kinds.K17;
import io.github.codefind.jmh.dispatch.Kinds.K18;
import io.github.codefind.jmh.dispatch.Kinds.K19;
import io.github.codefind.jmh.dispatch.Kinds.K20;
import io.github.codefind.jmh.dispatch.Kinds.K21;
import io.github.codefind.jmh.dispatch.Kinds.K22;
import io.github.codefind.jmh.dispatch.Kinds.K23;
import io.github.codefind.jmh.dispatch.Kinds.K24;
import io.github.codefind.jmh.dispatch.Kinds.K25;
import io.github.codefind.jmh.dispatch.Kinds.K26;
import io.github.codefind.jmh.dispatch.Kinds.K27;
import io.github.codefind.jmh.dispatch.Kinds.K28;
import io.github.codefind.jmh.dispatch.Kinds.K29;
import io.github.codefind.jmh.dispatch.Kinds.K30;
import io.github.codefind.jmh.dispatch.Kinds.K31;
import io.github.codefind.jmh.dispatch.Kinds.K32;
import io.github.codefind.jmh.dispatch.Kinds.K33;
import io.github.codefind.jmh.dispatch.Kinds.K34;
import io.github.codefind.jmh.dispatch.Kinds.K35;
import io.github.codefind.jmh.dispatch.Kinds.K36;
import io.github.codefind.jmh.dispatch.Kinds.K37;
import io.github.codefind.jmh.dispatch.Kinds.K38;
import io.github.codefind.jmh.dispatch.Kinds.K39;
import io.github.codefind.jmh.dispatch.Kinds.K40;
import io.github.codefind.jmh.dispatch.Kinds.K41;
import io.github.codefind.jmh.dispatch.Kinds.K42;
import io.github.codefind.jmh.dispatch.Kinds.K43;
import io.github.codefind.jmh.dispatch.Kinds.K44;
import io.github.codefind.jmh.dispatch.Kinds.K45;
import io.github.codefind.jmh.dispatch.Kinds.K46;
import io.github.codefind.jmh.dispatch.Kinds.K47;
import io.github.codefind.jmh.dispatch.Kinds.K48;
import io.github.codefind.jmh.dispatch.Kinds.K49;
import io.github.codefind.jmh.dispatch.Kinds.K50;
import io.github.codefind.jmh.dispatch.Kinds.K51;
import io.github.codefind.jmh.dispatch.Kinds.K52;
import io.github.codefind.jmh.dispatch.Kinds.K53;
import io.github.codefind.jmh.dispatch.Kinds.K54;
import io.github.codefind.jmh.dispatch.Kinds.K55;
import io.github.codefind.jmh.dispatch.Kinds.K56;
import io.github.codefind.jmh.dispatch.Kinds.K57;
import io.github.codefind.jmh.dispatch.Kinds.K58;
import io.github.codefind.jmh.dispatch.Kinds.K59;
import io.github.codefind.jmh.dispatch.Kinds.K60;
import io.github.codefind.jmh.dispatch.Kinds.K61;
import io.github.codefind.jmh.dispatch.Kinds.K62;
import io.github.codefind.jmh.dispatch.Kinds.K63;

/**
 * One handler per {@link Kinds} class, and the hand-written {@code instanceof} chain calling the same
 * handlers: what the dispatcher is compared with.
 */
public final class KindHandlers {
    private KindHandlers() {
    }

    /**
     * The hand-written equivalent of the dispatcher: one test per class, in declaration order, as a
     * programmer writes it on Java 17 (no pattern-matching switch).
     *
     * @param k a kind
     * @return what its handler returns
     */
    public static int chain(Kind k) {
        if (k instanceof K0) {
            return area((K0) k);
        }
        if (k instanceof K1) {
            return area((K1) k);
        }
        if (k instanceof K2) {
            return area((K2) k);
        }
        if (k instanceof K3) {
            return area((K3) k);
        }
        if (k instanceof K4) {
            return area((K4) k);
        }
        if (k instanceof K5) {
            return area((K5) k);
        }
        if (k instanceof K6) {
            return area((K6) k);
        }
        if (k instanceof K7) {
            return area((K7) k);
        }
        if (k instanceof K8) {
            return area((K8) k);
        }
        if (k instanceof K9) {
            return area((K9) k);
        }
        if (k instanceof K10) {
            return area((K10) k);
        }
        if (k instanceof K11) {
            return area((K11) k);
        }
        if (k instanceof K12) {
            return area((K12) k);
        }
        if (k instanceof K13) {
            return area((K13) k);
        }
        if (k instanceof K14) {
            return area((K14) k);
        }
        if (k instanceof K15) {
            return area((K15) k);
        }
        if (k instanceof K16) {
            return area((K16) k);
        }
        if (k instanceof K17) {
            return area((K17) k);
        }
        if (k instanceof K18) {
            return area((K18) k);
        }
        if (k instanceof K19) {
            return area((K19) k);
        }
        if (k instanceof K20) {
            return area((K20) k);
        }
        if (k instanceof K21) {
            return area((K21) k);
        }
        if (k instanceof K22) {
            return area((K22) k);
        }
        if (k instanceof K23) {
            return area((K23) k);
        }
        if (k instanceof K24) {
            return area((K24) k);
        }
        if (k instanceof K25) {
            return area((K25) k);
        }
        if (k instanceof K26) {
            return area((K26) k);
        }
        if (k instanceof K27) {
            return area((K27) k);
        }
        if (k instanceof K28) {
            return area((K28) k);
        }
        if (k instanceof K29) {
            return area((K29) k);
        }
        if (k instanceof K30) {
            return area((K30) k);
        }
        if (k instanceof K31) {
            return area((K31) k);
        }
        if (k instanceof K32) {
            return area((K32) k);
        }
        if (k instanceof K33) {
            return area((K33) k);
        }
        if (k instanceof K34) {
            return area((K34) k);
        }
        if (k instanceof K35) {
            return area((K35) k);
        }
        if (k instanceof K36) {
            return area((K36) k);
        }
        if (k instanceof K37) {
            return area((K37) k);
        }
        if (k instanceof K38) {
            return area((K38) k);
        }
        if (k instanceof K39) {
            return area((K39) k);
        }
        if (k instanceof K40) {
            return area((K40) k);
        }
        if (k instanceof K41) {
            return area((K41) k);
        }
        if (k instanceof K42) {
            return area((K42) k);
        }
        if (k instanceof K43) {
            return area((K43) k);
        }
        if (k instanceof K44) {
            return area((K44) k);
        }
        if (k instanceof K45) {
            return area((K45) k);
        }
        if (k instanceof K46) {
            return area((K46) k);
        }
        if (k instanceof K47) {
            return area((K47) k);
        }
        if (k instanceof K48) {
            return area((K48) k);
        }
        if (k instanceof K49) {
            return area((K49) k);
        }
        if (k instanceof K50) {
            return area((K50) k);
        }
        if (k instanceof K51) {
            return area((K51) k);
        }
        if (k instanceof K52) {
            return area((K52) k);
        }
        if (k instanceof K53) {
            return area((K53) k);
        }
        if (k instanceof K54) {
            return area((K54) k);
        }
        if (k instanceof K55) {
            return area((K55) k);
        }
        if (k instanceof K56) {
            return area((K56) k);
        }
        if (k instanceof K57) {
            return area((K57) k);
        }
        if (k instanceof K58) {
            return area((K58) k);
        }
        if (k instanceof K59) {
            return area((K59) k);
        }
        if (k instanceof K60) {
            return area((K60) k);
        }
        if (k instanceof K61) {
            return area((K61) k);
        }
        if (k instanceof K62) {
            return area((K62) k);
        }
        if (k instanceof K63) {
            return area((K63) k);
        }
        return area(k);
    }

    /** The handler of any other kind: never reached by the benchmark, here as a program would have it. */
    static int area(Kind k) {
        return -1;
    }
    /** Kind 0's handler. */
    static int area(K0 k) { return k.v * 3 + 1; }
    /** Kind 1's handler. */
    static int area(K1 k) { return k.v * 3 + 2; }
    /** Kind 2's handler. */
    static int area(K2 k) { return k.v * 3 + 3; }
    /** Kind 3's handler. */
    static int area(K3 k) { return k.v * 3 + 4; }
    /** Kind 4's handler. */
    static int area(K4 k) { return k.v * 3 + 5; }
    /** Kind 5's handler. */
    static int area(K5 k) { return k.v * 3 + 6; }
    /** Kind 6's handler. */
    static int area(K6 k) { return k.v * 3 + 7; }
    /** Kind 7's handler. */
    static int area(K7 k) { return k.v * 3 + 8; }
    /** Kind 8's handler. */
    static int area(K8 k) { return k.v * 3 + 9; }
    /** Kind 9's handler. */
    static int area(K9 k) { return k.v * 3 + 10; }
    /** Kind 10's handler. */
    static int area(K10 k) { return k.v * 3 + 11; }
    /** Kind 11's handler. */
    static int area(K11 k) { return k.v * 3 + 12; }
    /** Kind 12's handler. */
    static int area(K12 k) { return k.v * 3 + 13; }
    /** Kind 13's handler. */
    static int area(K13 k) { return k.v * 3 + 14; }
    /** Kind 14's handler. */
    static int area(K14 k) { return k.v * 3 + 15; }
    /** Kind 15's handler. */
    static int area(K15 k) { return k.v * 3 + 16; }
    /** Kind 16's handler. */
    static int area(K16 k) { return k.v * 3 + 17; }
    /** Kind 17's handler. */
    static int area(K17 k) { return k.v * 3 + 18; }
    /** Kind 18's handler. */
    static int area(K18 k) { return k.v * 3 + 19; }
    /** Kind 19's handler. */
    static int area(K19 k) { return k.v * 3 + 20; }
    /** Kind 20's handler. */
    static int area(K20 k) { return k.v * 3 + 21; }
    /** Kind 21's handler. */
    static int area(K21 k) { return k.v * 3 + 22; }
    /** Kind 22's handler. */
    static int area(K22 k) { return k.v * 3 + 23; }
    /** Kind 23's handler. */
    static int area(K23 k) { return k.v * 3 + 24; }
    /** Kind 24's handler. */
    static int area(K24 k) { return k.v * 3 + 25; }
    /** Kind 25's handler. */
    static int area(K25 k) { return k.v * 3 + 26; }
    /** Kind 26's handler. */
    static int area(K26 k) { return k.v * 3 + 27; }
    /** Kind 27's handler. */
    static int area(K27 k) { return k.v * 3 + 28; }
    /** Kind 28's handler. */
    static int area(K28 k) { return k.v * 3 + 29; }
    /** Kind 29's handler. */
    static int area(K29 k) { return k.v * 3 + 30; }
    /** Kind 30's handler. */
    static int area(K30 k) { return k.v * 3 + 31; }
    /** Kind 31's handler. */
    static int area(K31 k) { return k.v * 3 + 32; }
    /** Kind 32's handler. */
    static int area(K32 k) { return k.v * 3 + 33; }
    /** Kind 33's handler. */
    static int area(K33 k) { return k.v * 3 + 34; }
    /** Kind 34's handler. */
    static int area(K34 k) { return k.v * 3 + 35; }
    /** Kind 35's handler. */
    static int area(K35 k) { return k.v * 3 + 36; }
    /** Kind 36's handler. */
    static int area(K36 k) { return k.v * 3 + 37; }
    /** Kind 37's handler. */
    static int area(K37 k) { return k.v * 3 + 38; }
    /** Kind 38's handler. */
    static int area(K38 k) { return k.v * 3 + 39; }
    /** Kind 39's handler. */
    static int area(K39 k) { return k.v * 3 + 40; }
    /** Kind 40's handler. */
    static int area(K40 k) { return k.v * 3 + 41; }
    /** Kind 41's handler. */
    static int area(K41 k) { return k.v * 3 + 42; }
    /** Kind 42's handler. */
    static int area(K42 k) { return k.v * 3 + 43; }
    /** Kind 43's handler. */
    static int area(K43 k) { return k.v * 3 + 44; }
    /** Kind 44's handler. */
    static int area(K44 k) { return k.v * 3 + 45; }
    /** Kind 45's handler. */
    static int area(K45 k) { return k.v * 3 + 46; }
    /** Kind 46's handler. */
    static int area(K46 k) { return k.v * 3 + 47; }
    /** Kind 47's handler. */
    static int area(K47 k) { return k.v * 3 + 48; }
    /** Kind 48's handler. */
    static int area(K48 k) { return k.v * 3 + 49; }
    /** Kind 49's handler. */
    static int area(K49 k) { return k.v * 3 + 50; }
    /** Kind 50's handler. */
    static int area(K50 k) { return k.v * 3 + 51; }
    /** Kind 51's handler. */
    static int area(K51 k) { return k.v * 3 + 52; }
    /** Kind 52's handler. */
    static int area(K52 k) { return k.v * 3 + 53; }
    /** Kind 53's handler. */
    static int area(K53 k) { return k.v * 3 + 54; }
    /** Kind 54's handler. */
    static int area(K54 k) { return k.v * 3 + 55; }
    /** Kind 55's handler. */
    static int area(K55 k) { return k.v * 3 + 56; }
    /** Kind 56's handler. */
    static int area(K56 k) { return k.v * 3 + 57; }
    /** Kind 57's handler. */
    static int area(K57 k) { return k.v * 3 + 58; }
    /** Kind 58's handler. */
    static int area(K58 k) { return k.v * 3 + 59; }
    /** Kind 59's handler. */
    static int area(K59 k) { return k.v * 3 + 60; }
    /** Kind 60's handler. */
    static int area(K60 k) { return k.v * 3 + 61; }
    /** Kind 61's handler. */
    static int area(K61 k) { return k.v * 3 + 62; }
    /** Kind 62's handler. */
    static int area(K62 k) { return k.v * 3 + 63; }
    /** Kind 63's handler. */
    static int area(K63 k) { return k.v * 3 + 64; }
}
