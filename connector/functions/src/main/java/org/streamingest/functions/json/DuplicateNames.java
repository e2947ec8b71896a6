package org.streamingest.functions.json;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The attribute names seen so far in each open object, to reject duplicates as Redshift's
 * JSON_PARSE does. Small objects are scanned linearly (the parser hands out canonical name
 * instances, so most comparisons are identity checks); objects past {@value #LINEAR_LIMIT} names
 * switch to a hash set. Arrays are reused across records.
 */
final class DuplicateNames {

    private static final int LINEAR_LIMIT = 24;

    private String[][] names = new String[8][];
    private int[] counts = new int[8];
    private Set<String>[] large = newSets(8);

    /** A new object opens at {@code depth}. */
    void open(int depth) {
        if (depth >= counts.length) {
            int size = Math.max(depth + 1, counts.length * 2);
            names = Arrays.copyOf(names, size);
            counts = Arrays.copyOf(counts, size);
            large = Arrays.copyOf(large, size);
        }
        counts[depth] = 0;
        if (large[depth] != null) {
            large[depth].clear();
        }
    }

    /** Records {@code name} in the object at {@code depth}; false if it was there already. */
    boolean add(int depth, String name) {
        int count = counts[depth];
        if (count < LINEAR_LIMIT) {
            String[] seen = names[depth];
            if (seen == null) {
                seen = names[depth] = new String[LINEAR_LIMIT];
            }
            for (int i = 0; i < count; i++) {
                if (seen[i].equals(name)) {
                    return false;
                }
            }
            seen[count] = name;
            counts[depth] = count + 1;
            return true;
        }
        Set<String> set = large[depth];
        if (set == null) {
            set = large[depth] = new HashSet<>();
        }
        if (set.isEmpty()) {
            set.addAll(Arrays.asList(names[depth]));
        }
        counts[depth] = count + 1;
        return set.add(name);
    }

    @SuppressWarnings("unchecked")
    private static Set<String>[] newSets(int size) {
        return (Set<String>[]) new Set<?>[size];
    }
}
