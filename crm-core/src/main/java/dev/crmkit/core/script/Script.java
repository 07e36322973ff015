package dev.crmkit.core.script;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.CrmValidationException.Violation;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.text.TextFolding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A call script: its HTML with placeholders, where it is used, and who may see it. Checked on
 * construction, every problem reported at once. Build with {@link #builder}.
 *
 * @param key 1 to 64 of {@code a-z 0-9 _ -}, unique in the tenant
 * @param title what agents see in a list, 1 to 200 characters
 * @param html the template, at most {@value #MAX_HTML} characters; the script's own markup is the
 *     author's (written with MANAGE), only the values filled in are escaped
 * @param queue the queue it is for, or {@code null} for every queue
 * @param project the project it is for, or {@code null}
 * @param visibleTo the groups that may see it; empty for everyone who may read customers
 */
public record Script(String key, String title, String html, @Nullable String queue, @Nullable String project, Set<String> visibleTo) {

    public static final int MAX_HTML = 200_000;
    private static final Pattern KEY = Pattern.compile("[a-z0-9_-]{1,64}");

    public Script {
        Objects.requireNonNull(key, "key");
        List<Violation> problems = new ArrayList<>();
        if (!KEY.matcher(key).matches()) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "key",
                    "a script key is 1 to 64 of a-z, 0-9, _ and -: '" + key + "'"));
        }
        title = title == null ? "" : TextFolding.trim(title);
        if (title.isEmpty() || title.length() > 200) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "title", "a script title has 1 to 200 characters"));
        }
        if (html == null || html.isBlank()) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "html", "a script needs its text"));
        } else if (html.length() > MAX_HTML) {
            problems.add(new Violation(ErrorCode.VALUE_TOO_LONG, "html", "a script has at most " + MAX_HTML + " characters"));
        }
        queue = blankToNull(queue);
        project = blankToNull(project);
        visibleTo = visibleTo == null ? Set.of() : Set.copyOf(visibleTo);
        TextFolding.refuseNul(problems, "title", title, "html", html, "queue", queue, "project", project);
        if (!problems.isEmpty()) {
            throw new CrmValidationException(problems);
        }
    }

    public static Builder builder(String key, String title, String html) {
        return new Builder(key, title, html);
    }

    /** Whether someone in these groups may see it (given they may read customers). */
    public boolean visibleToGroups(Set<String> groups) {
        return visibleTo.isEmpty() || groups.stream().anyMatch(visibleTo::contains);
    }

    public Builder toBuilder() {
        return new Builder(key, title, html).queue(queue).project(project).visibleTo(visibleTo);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || TextFolding.isBlank(s) ? null : TextFolding.trim(s);
    }

    public static final class Builder {
        private final String key;
        private final String title;
        private final String html;
        private @Nullable String queue;
        private @Nullable String project;
        private Set<String> visibleTo = Set.of();

        private Builder(String key, String title, String html) {
            this.key = key;
            this.title = title;
            this.html = html;
        }

        public Builder queue(@Nullable String value) {
            queue = value;
            return this;
        }

        public Builder project(@Nullable String value) {
            project = value;
            return this;
        }

        public Builder visibleTo(String... groups) {
            visibleTo = Set.of(groups);
            return this;
        }

        public Builder visibleTo(Set<String> groups) {
            visibleTo = groups;
            return this;
        }

        public Script build() {
            return new Script(key, title, html, queue, project, visibleTo);
        }
    }
}
