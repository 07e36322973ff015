package dev.crmkit.core.internal;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/** Collects every violation of one input before failing, so a caller learns all problems at once. */
final class Violations {

    private final List<CrmValidationException.Violation> list = new ArrayList<>(2);

    void add(ErrorCode code, String field, String message) {
        list.add(new CrmValidationException.Violation(code, field, message));
    }

    void addAll(CrmValidationException e) {
        list.addAll(e.violations());
    }

    List<CrmValidationException.Violation> list() {
        return list;
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new CrmValidationException(list);
        }
    }
}
