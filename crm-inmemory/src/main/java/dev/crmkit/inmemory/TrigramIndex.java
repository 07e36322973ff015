package dev.crmkit.inmemory;

import dev.crmkit.core.spi.SearchTerm;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Maps every three-character run of a customer's search keys to the slots whose keys hold it, so
 * that a search reads one posting list instead of every customer: a key that starts with a prefix
 * holds each of the prefix's trigrams. Posting lists only grow:
 * a slot whose text changed or was removed may stay listed, so every candidate is verified
 * against the current text, and a slot may be listed twice. Not thread-safe.
 */
final class TrigramIndex {

    private static final long[] NONE = new long[0];

    private final LongKeyMap<IntList> postings = new LongKeyMap<>();

    /** The keys as one text, a key a line: what {@link #add} indexes. */
    static String text(String[] keys) {
        return String.join("\n", keys);
    }

    /** Lists the slot under each trigram of the text (trigrams crossing a line break are skipped). */
    void add(int slot, String text) {
        add(slot, text, null);
    }

    /**
     * Lists the slot once under each distinct trigram of {@code text} that {@code previous} (if
     * not null) does not have.
     */
    void add(int slot, String text, @Nullable String previous) {
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
     * The slots that may meet every term, or {@code null} if the index cannot narrow them (every
     * slot is then a candidate): for each term the union, over its prefixes, of the shortest
     * posting list among each prefix's trigrams, and of those the smallest. A term with a prefix of
     * fewer than three characters cannot be narrowed. An empty list means no slot can match.
     */
    @Nullable IntList candidates(Iterable<SearchTerm> terms) {
        IntList best = null;
        for (SearchTerm term : terms) {
            IntList union = null;
            for (String prefix : term.prefixes()) {
                IntList list = shortestList(prefix);
                if (list == null) {
                    union = null;
                    break;
                }
                union = union == null ? list : IntList.concat(union, list);
            }
            if (union != null && (best == null || union.size() < best.size())) {
                best = union;
            }
        }
        return best;
    }

    /** The shortest posting list among the text's trigrams; null if it has none, empty if one is unknown. */
    private @Nullable IntList shortestList(String text) {
        IntList best = null;
        for (int i = 0; i + 3 <= text.length(); i++) {
            IntList list = postings.get(key(text.charAt(i), text.charAt(i + 1), text.charAt(i + 2)));
            if (list == null) {
                return new IntList();
            }
            if (best == null || list.size() < best.size()) {
                best = list;
            }
        }
        return best;
    }

    private static long key(char a, char b, char c) {
        return ((long) a << 32) | ((long) b << 16) | c;
    }
}
