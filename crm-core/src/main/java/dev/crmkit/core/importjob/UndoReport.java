package dev.crmkit.core.importjob;

import java.util.List;

/**
 * What undoing an import did.
 *
 * @param removed customers the import created that were removed
 * @param restored customers the import updated that got their previous values back
 * @param leftAlone customers changed by someone else since the import, left as they are
 */
public record UndoReport(int removed, int restored, List<Long> leftAlone) {
    public UndoReport {
        leftAlone = List.copyOf(leftAlone);
    }
}
