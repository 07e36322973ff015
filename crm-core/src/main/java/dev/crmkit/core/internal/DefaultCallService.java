package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.call.Call;
import dev.crmkit.core.call.CallService;
import dev.crmkit.core.call.NewCall;
import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.result.ResultInput;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.PhoneRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Calls. Public only for wiring; use {@link CallService}. */
public final class DefaultCallService implements CallService {

    private final ServiceContext ctx;
    private final DefaultResultCodeService results;

    public DefaultCallService(ServiceContext ctx, DefaultResultCodeService results) {
        this.ctx = ctx;
        this.results = results;
    }

    @Override
    public Call record(Actor actor, long customerId, NewCall in) {
        Objects.requireNonNull(in, "call");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.CALL_RECORD);
            CustomerRecord current = DefaultCustomerService.load(s, customerId);
            String agent = in.agent() == null ? actor.userId() : in.agent();
            if (!agent.equals(actor.userId()) && ctx.users().find(actor.tenant(), agent).isEmpty()) {
                throw new CrmValidationException(ErrorCode.USER_UNKNOWN, "no user '" + agent + "' in the directory");
            }
            List<PhoneRecord> phones = new ArrayList<>(current.phones());
            int i = DefaultCustomerService.requirePhone(ctx.phones(), customerId, phones, in.phone());
            PhoneRecord p = phones.get(i);
            Instant now = ctx.now();

            List<FieldChange> changes = List.of();
            CustomerRecord.Builder next = current.toBuilder();
            if (in.resultCode() != null) {
                ResultInput applied = ResultInput.builder(in.resultCode(), in.source()).phone(p.number().e164()).build();
                results.store(s, actor, current, applied, now);
                changes = DefaultResultCodeService.changes(current, in.resultCode(), null);
                next.resultCode(in.resultCode()).actionAt(null);
            }
            LocalDate today = LocalDate.ofInstant(now, ctx.zoneOf(actor.tenant()));
            phones.set(i, DefaultCustomerService.contacted(p, today));
            Instant lastContact = current.lastContactAt() == null || in.startedAt().isAfter(current.lastContactAt())
                    ? in.startedAt() : current.lastContactAt();
            CustomerRecord updated = next.phones(phones).totalCalls(current.totalCalls() + 1)
                    .totalCallSeconds(current.totalCallSeconds() + in.duration().toSeconds())
                    .totalContacts(current.totalContacts() + 1).lastContactAt(lastContact)
                    .version(current.version() + 1).updatedAt(now).build();
            if (!s.customers().update(updated, current.version())) {
                throw new ConflictException(ErrorCode.VERSION_CONFLICT, "customer " + customerId
                        + " changed while the call was recorded; retry");
            }
            Call call = new Call(0, customerId, p.number(), agent, in.startedAt(), in.duration(), in.resultCode(),
                    in.source(), in.recordingRef() != null, now);
            long id = s.calls().append(call, in.recordingRef());
            Map<String, String> data = new LinkedHashMap<>();
            data.put("event", "CALL");
            data.put("callId", Long.toString(id));
            data.put("phone", p.number().e164());
            data.put("seconds", Long.toString(in.duration().toSeconds()));
            data.put("source", in.source().name());
            if (in.resultCode() != null) {
                data.put("resultCode", in.resultCode());
            }
            s.activities().append(new Activity(0, customerId, ActivityType.CALL, agent, now,
                    "Call with " + p.number().e164() + ", " + in.duration().toSeconds() + " s"
                            + (in.resultCode() == null ? "" : ", result " + in.resultCode()), changes, data));
            return new Call(id, call.customerId(), call.phone(), call.agent(), call.startedAt(), call.duration(),
                    call.resultCode(), call.source(), call.hasRecording(), call.recordedAt());
        });
    }

    @Override
    public List<Call> list(Actor actor, long customerId, int limit) {
        DefaultCustomerService.checkLimit(limit);
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.CALL_READ);
            DefaultCustomerService.load(s, customerId);
            return s.calls().list(customerId, limit);
        });
    }

    @Override
    public Optional<String> recording(Actor actor, long callId) {
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.CALL_READ);
            Call call = s.calls().find(callId).orElseThrow(() ->
                    new NotFoundException(ErrorCode.CALL_NOT_FOUND, "no call " + callId));
            boolean own = call.agent().equals(actor.userId());
            if (!own && !actor.admin() && !s.permissions().anyHasCapability(actor.groups(), Capability.OTHERS_RECORDINGS)) {
                throw new PermissionDeniedException("the recording of call " + callId + " belongs to " + call.agent()
                        + "; opening others' recordings needs the capability " + Capability.OTHERS_RECORDINGS);
            }
            return s.calls().recordingRef(callId);
        });
    }
}
