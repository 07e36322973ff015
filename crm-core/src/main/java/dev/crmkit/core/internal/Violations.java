package dev.crmkit.core.internal;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/** Collects every violation of one input before failing, so a caller learns all problems at once. */
public final class Violations {

    /** Allocated with the first violation: most inputs have none. */
    private List<CrmValidationException.Violation> list = List.of();

    public void add(ErrorCode code, String field, String message) {
        writable().add(new CrmValidationException.Violation(code, field, message));
    }

    public void addAll(CrmValidationException e) {
        writable().addAll(e.violations());
    }

    private List<CrmValidationException.Violation> writable() {
        if (list.isEmpty() && !(list instanceof ArrayList)) {
            list = new ArrayList<>(2);
        }
        return list;
    }

    public List<CrmValidationException.Violation> list() {
        return list;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new CrmValidationException(list);
        }
    }
}
