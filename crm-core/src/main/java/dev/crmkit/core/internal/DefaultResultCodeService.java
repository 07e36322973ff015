package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.CrmValidationException.Violation;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.result.AppliedResult;
import dev.crmkit.core.result.ParameterRule;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.result.ResultCodeService;
import dev.crmkit.core.result.ResultCount;
import dev.crmkit.core.result.ResultInput;
import dev.crmkit.core.result.ResultParameter;
import dev.crmkit.core.result.ResultTarget;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.StorageSession;
import dev.crmkit.core.text.TextFolding;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Result codes and their applications. Public only for wiring; use {@link ResultCodeService}. */
public final class DefaultResultCodeService implements ResultCodeService {

    /** The most installments an application may carry. */
    static final int MAX_INSTALLMENTS = 360;
    /** The longest note an application may carry. */
    static final int MAX_NOTE_LENGTH = 2_000;
    /** The most applications {@link #history} returns at once. */
    static final int MAX_HISTORY = 1_000;

    private final ServiceContext ctx;

    public DefaultResultCodeService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public ResultCode define(Actor actor, ResultCode code) {
        Objects.requireNonNull(code, "code");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.RESULT_CODE_MANAGE);
            if (s.resultCodes().find(code.code()).isPresent()) {
                throw taken(code.code());
            }
            s.resultCodes().insert(code);
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "RESULT_CODE_DEFINED", code.code()));
            return code;
        });
    }

    @Override
    public ResultCode redefine(Actor actor, ResultCode code) {
        Objects.requireNonNull(code, "code");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.RESULT_CODE_MANAGE);
            if (!s.resultCodes().update(code)) {
                throw notFound(code.code());
            }
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "RESULT_CODE_REDEFINED", code.code()));
            return code;
        });
    }

    @Override
    public List<ResultCode> list(Actor actor) {
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.RESULT_READ);
            return s.resultCodes().list();
        });
    }

    @Override
    public Optional<ResultCode> find(Actor actor, String code) {
        Objects.requireNonNull(code, "code");
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.RESULT_READ);
            return s.resultCodes().find(code);
        });
    }

    @Override
    public AppliedResult apply(Actor actor, long customerId, ResultInput input) {
        Objects.requireNonNull(input, "input");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.RESULT_APPLY);
            CustomerRecord current = DefaultCustomerService.load(s, customerId);
            Instant now = ctx.now();
            Stored stored = store(s, actor, current, input, now);
            ResultCode code = stored.code();
            AppliedResult applied = stored.applied();
            PhoneNumber phone = applied.phone();
            String productNo = applied.productNo();
            long id = applied.id();
            List<FieldChange> changes = changes(current, code.code(), input.actionAt());
            CustomerRecord updated = current.toBuilder().resultCode(code.code()).actionAt(input.actionAt())
                    .version(current.version() + 1).updatedAt(now).build();
            if (!s.customers().update(updated, current.version())) {
                throw new ConflictException(ErrorCode.VERSION_CONFLICT, "customer " + customerId
                        + " changed while the result was applied; retry");
            }
            Map<String, String> data = new LinkedHashMap<>();
            data.put("event", "RESULT_APPLIED");
            data.put("resultCode", code.code());
            data.put("source", input.source().name());
            data.put("resultId", Long.toString(id));
            if (phone != null) {
                data.put("phone", phone.e164());
            }
            if (productNo != null) {
                data.put("productNo", productNo);
            }
            s.activities().append(new Activity(0, customerId, ActivityType.LOG, actor.userId(), now,
                    "Result " + code.code() + " (" + code.label() + ")" + (phone == null ? "" : " on " + phone.e164())
                            + (productNo == null ? "" : " on product " + productNo),
                    changes, data));
            return applied;
        });
    }

    /** An application stored, with the code it applied. */
    record Stored(AppliedResult applied, ResultCode code) {
    }

    /**
     * Checks an application against its code and the customer and stores it; the caller updates
     * the customer (its resultCode and actionAt, see {@link #changes}) in the same unit of work.
     */
    Stored store(StorageSession s, Actor actor, CustomerRecord current, ResultInput input, Instant now) {
        ResultCode code = s.resultCodes().find(input.code()).orElseThrow(() -> notFound(input.code()));
        PhoneNumber phone = input.phone() == null ? null : phoneOf(current, input.phone());
        String productNo = input.productNo() == null ? null : productOf(s, current, input.productNo());
        String note = input.note() == null || TextFolding.isBlank(input.note()) ? null : TextFolding.trim(input.note());
        check(code, input, note);
        AppliedResult applied = new AppliedResult(0, current.id(), code.code(), input.target(), phone, productNo,
                input.source(), input.actionAt(), input.amount(), input.installments(), note, actor.userId(), now);
        long id = s.resultCodes().append(applied);
        return new Stored(applied.withId(id), code);
    }

    /** The changes to the customer's resultCode and actionAt that applying a code makes. */
    static List<FieldChange> changes(CustomerRecord current, String code, Instant actionAt) {
        List<FieldChange> changes = new ArrayList<>();
        if (!Objects.equals(current.resultCode(), code)) {
            changes.add(new FieldChange(CustomerField.RESULT_CODE.key(), current.resultCode(), code));
        }
        if (!Objects.equals(current.actionAt(), actionAt)) {
            changes.add(new FieldChange(CustomerField.ACTION_AT.key(), CustomerChanges.display(current.actionAt()),
                    CustomerChanges.display(actionAt)));
        }
        return changes;
    }

    @Override
    public List<AppliedResult> history(Actor actor, long customerId, int limit) {
        DefaultCustomerService.checkLimit(limit);
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.RESULT_READ);
            DefaultCustomerService.load(s, customerId);
            return s.resultCodes().history(customerId, limit);
        });
    }

    @Override
    public List<ResultCount> count(Actor actor, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID, "a report's period must end after it starts: "
                    + from + " .. " + to);
        }
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.RESULT_READ);
            return s.resultCodes().count(from, to);
        });
    }

    /** The customer's number the input names, parsed as the customer's numbers were. */
    private PhoneNumber phoneOf(CustomerRecord customer, String text) {
        int i = DefaultCustomerService.requirePhone(ctx.phones(), customer.id(), customer.phones(), text);
        return customer.phones().get(i).number();
    }

    /** The customer's product the input names. */
    private static String productOf(StorageSession s, CustomerRecord customer, String productNo) {
        String number = TextFolding.trim(productNo);
        return s.products().find(number).filter(p -> p.customerId() == customer.id()).map(p -> p.productNo())
                .orElseThrow(() -> new NotFoundException(ErrorCode.PRODUCT_NOT_FOUND,
                        "customer " + customer.id() + " has no product " + number));
    }

    /** Every problem of the application against the code's definition, reported at once. */
    private static void check(ResultCode code, ResultInput input, String note) {
        List<Violation> problems = new ArrayList<>();
        if (input.phone() != null && input.productNo() != null) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "target",
                    "a result is applied to a phone or to a product, not to both"));
        }
        if (!code.active()) {
            problems.add(new Violation(ErrorCode.RESULT_CODE_INACTIVE, "resultCode",
                    "result code " + code.code() + " is not active"));
        }
        if (!code.appliesTo().contains(input.target())) {
            problems.add(new Violation(ErrorCode.RESULT_TARGET_NOT_ALLOWED, "target", "result code " + code.code()
                    + " does not apply to a " + input.target().name().toLowerCase(java.util.Locale.ROOT)
                    + "; it applies to " + code.appliesTo()));
        }
        parameter(problems, code, ResultParameter.ACTION_DATE, "actionAt", input.actionAt() != null);
        parameter(problems, code, ResultParameter.AMOUNT, "amount", input.amount() != null);
        parameter(problems, code, ResultParameter.INSTALLMENTS, "installments", input.installments() != null);
        parameter(problems, code, ResultParameter.NOTE, "note", note != null);
        if (input.amount() != null && input.amount().compareTo(BigDecimal.ZERO) < 0) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "amount", "an amount is not negative: " + input.amount()));
        }
        if (input.installments() != null && (input.installments() < 1 || input.installments() > MAX_INSTALLMENTS)) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "installments",
                    "installments are 1.." + MAX_INSTALLMENTS + ": " + input.installments()));
        }
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            problems.add(new Violation(ErrorCode.VALUE_TOO_LONG, "note",
                    "a note has at most " + MAX_NOTE_LENGTH + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new CrmValidationException(problems);
        }
    }

    private static void parameter(List<Violation> problems, ResultCode code, ResultParameter parameter, String field,
                                  boolean given) {
        ParameterRule rule = code.rule(parameter);
        if (rule == ParameterRule.REQUIRED && !given) {
            problems.add(new Violation(ErrorCode.RESULT_PARAMETER_REQUIRED, field,
                    "result code " + code.code() + " requires " + field));
        } else if (rule == ParameterRule.OFF && given) {
            problems.add(new Violation(ErrorCode.RESULT_PARAMETER_NOT_ALLOWED, field,
                    "result code " + code.code() + " takes no " + field));
        }
    }

    private static ConflictException taken(String code) {
        return new ConflictException(ErrorCode.RESULT_CODE_TAKEN, "the tenant has a result code " + code + " already");
    }

    private static NotFoundException notFound(String code) {
        return new NotFoundException(ErrorCode.RESULT_CODE_NOT_FOUND, "no result code " + code);
    }
}
