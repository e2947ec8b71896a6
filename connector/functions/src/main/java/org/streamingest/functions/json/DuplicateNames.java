package org.streamingest.functions.json;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The attribute names seen so far in each open object, to reject duplicates as Redshift's
 * JSON_PARSE does. The parser interns attribute names, so equal names are the same instance. A
 * 64-bit filter of name hashes per object skips the comparison for almost every new name; small
 * objects are compared linearly by identity, objects past {@value #LINEAR_LIMIT} names switch to a
 * hash set. Arrays are reused across records.
 */
final class DuplicateNames {

    private static final int LINEAR_LIMIT = 24;

    private String[][] names = new String[8][];
    private int[] counts = new int[8];
    private long[] filters = new long[8];
    private Set<String>[] large = newSets(8);

    /** A new object opens at {@code depth}. */
    void open(int depth) {
        if (depth >= counts.length) {
            int size = Math.max(depth + 1, counts.length * 2);
            names = Arrays.copyOf(names, size);
            counts = Arrays.copyOf(counts, size);
            filters = Arrays.copyOf(filters, size);
            large = Arrays.copyOf(large, size);
        }
        if (names[depth] == null) {
            names[depth] = new String[LINEAR_LIMIT];
        }
        counts[depth] = 0;
        filters[depth] = 0;
        if (large[depth] != null) {
            large[depth].clear();
        }
    }

    /** Records {@code name} in the object at {@code depth}; false if it was there already. */
    boolean add(int depth, String name) {
        int count = counts[depth];
        long bit = 1L << name.hashCode(); // the shift uses the low six bits
        long filter = filters[depth];
        filters[depth] = filter | bit;
        if (count < LINEAR_LIMIT) {
            String[] seen = names[depth];
            if ((filter & bit) != 0) {
                for (int i = 0; i < count; i++) {
                    if (seen[i] == name) {
                        return false;
                    }
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
