package dev.crmkit.inmemory;

import java.util.Arrays;

/**
 * Maps every three-character run of a search text to the slots whose text holds it, so that a
 * substring search reads one posting list instead of every customer. Posting lists only grow:
 * a slot whose text changed or was removed may stay listed, so every candidate is verified
 * against the current text, and a slot may be listed twice. Not thread-safe.
 */
final class TrigramIndex {

    private static final long[] NONE = new long[0];

    private final LongKeyMap<IntList> postings = new LongKeyMap<>();

    /** Lists the slot under each trigram of the text (trigrams crossing a line break are skipped). */
    void add(int slot, String text) {
        add(slot, text, null);
    }

    /**
     * Lists the slot once under each distinct trigram of {@code text} that {@code previous} (if
     * not null) does not have.
     */
    void add(int slot, String text, String previous) {
        long[] keys = keys(text);
        long[] old = previous == null ? NONE : keys(previous);
        for (int i = 0; i < keys.length; i++) {
            long key = keys[i];
            if ((i > 0 && keys[i - 1] == key) || (old.length > 0 && Arrays.binarySearch(old, key) >= 0)) {
                continue;
            }
            postings.computeIfAbsent(key, IntList::new).add(slot);
        }
    }

    /** The sorted trigram keys of a text, repeats included. */
    private static long[] keys(String text) {
        long[] keys = new long[Math.max(0, text.length() - 2)];
        int n = 0;
        for (int i = 0; i + 3 <= text.length(); i++) {
            char a = text.charAt(i);
            char b = text.charAt(i + 1);
            char c = text.charAt(i + 2);
            if (a != '\n' && b != '\n' && c != '\n') {
                keys[n++] = key(a, b, c);
            }
        }
        long[] out = n == keys.length ? keys : Arrays.copyOf(keys, n);
        Arrays.sort(out);
        return out;
    }

    /**
     * The shortest posting list among the trigrams of the terms, or {@code null} if no term has
     * three characters (every slot is then a candidate). An empty list means no slot can match.
     */
    IntList candidates(Iterable<String> terms) {
        IntList best = null;
        boolean any = false;
        for (String term : terms) {
            for (int i = 0; i + 3 <= term.length(); i++) {
                any = true;
                IntList list = postings.get(key(term.charAt(i), term.charAt(i + 1), term.charAt(i + 2)));
                if (list == null) {
                    return new IntList();
                }
                if (best == null || list.size() < best.size()) {
                    best = list;
                }
            }
        }
        return any ? best : null;
    }

    private static long key(char a, char b, char c) {
        return ((long) a << 32) | ((long) b << 16) | c;
    }
}
