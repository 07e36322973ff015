package dev.crmkit.core.work;

/** What a work item is. */
public enum WorkItemKind {
    /** Something to do ("Görev"). */
    TASK,
    /** A problem to solve ("Sorun"). */
    ISSUE,
    /** A calendar event ("Takvim"): it starts at its due time and may have an end. */
    EVENT
}
