package io.github.codefind.internal.classfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs old and new versions of unnamed code (lambda bodies, anonymous classes) by body and
 * position, never by synthetic name alone: equal bodies pair first, in order; then a lone survivor on
 * each side pairs as "changed in place"; then several survivors pair by similarity, and only when
 * the best pairing is clearly better than any other. Otherwise the pairing is ambiguous, and the
 * caller must refuse rather than guess: a wrong guess would make live objects run another body.
 */
final class Pairing {
    /** How much better (in similarity) the chosen partner must be than the runner-up. */
    private static final double MARGIN = 0.15;
    /** Below this similarity two bodies are unrelated: an edit removed one and added the other. */
    private static final double RELATED = 0.5;

    /** @param fingerprint comparable body; @param tokens for similarity */
    record Candidate(String name, Object fingerprint, List<Object> tokens) {
    }

    /**
     * @param pairs new name to old name
     * @param ambiguousName the new candidate that could not be paired, or null
     * @param candidates the old candidates it is about as similar to, or empty
     */
    record Result(Map<String, String> pairs, String ambiguousName, List<String> candidates) {
        /** @param pairs new name to old name, with nothing ambiguous */
        Result(Map<String, String> pairs) {
            this(pairs, null, List.of());
        }

        /** @return whether a new candidate could not be paired safely */
        boolean ambiguous() {
            return ambiguousName != null;
        }
    }

    private Pairing() {
    }

    /**
     * @param before the old candidates, in javac's numbering order
     * @param after the new candidates, in javac's numbering order
     * @param equalOnly pair equal bodies only: some new code of the group is unknown (not in the patch),
     *     so a survivor on each side may be the unknown one's partner rather than each other's
     * @return the pairs, or an ambiguity
     */
    static Result pair(List<Candidate> before, List<Candidate> after, boolean equalOnly) {
        Map<String, String> pairs = new HashMap<>();
        List<Candidate> oldLeft = new ArrayList<>(before);
        List<Candidate> newLeft = new ArrayList<>();
        for (Candidate n : after) {
            Candidate match = null;
            for (Candidate o : oldLeft) {
                if (o.fingerprint().equals(n.fingerprint())) {
                    match = o;
                    break;
                }
            }
            if (match != null) {
                oldLeft.remove(match);
                pairs.put(n.name(), match.name());
            } else {
                newLeft.add(n);
            }
        }
        if (equalOnly || oldLeft.isEmpty() || newLeft.isEmpty()) {
            return new Result(pairs);
        }
        if (oldLeft.size() == 1 && newLeft.size() == 1) {
            pairs.put(newLeft.get(0).name(), oldLeft.get(0).name());
            return new Result(pairs);
        }
        // Several changed at once: pair greedily by similarity, but only with a clear margin.
        while (!oldLeft.isEmpty() && !newLeft.isEmpty()) {
            double best = -1;
            double runnerUp = -1;
            Candidate bestOld = null;
            Candidate bestNew = null;
            for (Candidate n : newLeft) {
                for (Candidate o : oldLeft) {
                    double s = similarity(o.tokens(), n.tokens());
                    if (s > best) {
                        runnerUp = best;
                        best = s;
                        bestOld = o;
                        bestNew = n;
                    } else if (s > runnerUp) {
                        runnerUp = s;
                    }
                }
            }
            if (best < RELATED) {
                break; // the rest are removals and additions
            }
            if (best - runnerUp < MARGIN && competes(bestOld, bestNew, oldLeft, newLeft, best)) {
                return new Result(pairs, bestNew.name(), names(oldLeft));
            }
            pairs.put(bestNew.name(), bestOld.name());
            oldLeft.remove(bestOld);
            newLeft.remove(bestNew);
        }
        return new Result(pairs);
    }

    /** Whether another pairing involving either of the best pair is nearly as good. */
    private static boolean competes(Candidate bestOld, Candidate bestNew, List<Candidate> oldLeft,
            List<Candidate> newLeft, double best) {
        for (Candidate o : oldLeft) {
            if (o != bestOld && best - similarity(o.tokens(), bestNew.tokens()) < MARGIN) {
                return true;
            }
        }
        for (Candidate n : newLeft) {
            if (n != bestNew && best - similarity(bestOld.tokens(), n.tokens()) < MARGIN) {
                return true;
            }
        }
        return false;
    }

    /** Dice coefficient of the token multisets: 1 for equal bodies, 0 for nothing in common. */
    static double similarity(List<Object> a, List<Object> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Map<Object, Integer> counts = new HashMap<>();
        for (Object t : a) {
            counts.merge(t, 1, Integer::sum);
        }
        int common = 0;
        for (Object t : b) {
            Integer c = counts.get(t);
            if (c != null && c > 0) {
                counts.put(t, c - 1);
                common++;
            }
        }
        return 2.0 * common / (a.size() + b.size());
    }

    private static List<String> names(List<Candidate> candidates) {
        List<String> names = new ArrayList<>();
        for (Candidate c : candidates) {
            names.add(c.name());
        }
        return names;
    }
}
