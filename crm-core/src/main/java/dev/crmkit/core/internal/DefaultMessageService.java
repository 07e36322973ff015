package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.PhoneStatus;
import dev.crmkit.core.message.Message;
import dev.crmkit.core.message.MessageChannel;
import dev.crmkit.core.message.MessageGateway;
import dev.crmkit.core.message.MessageNotSentException;
import dev.crmkit.core.message.MessageService;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.message.NewMessage;
import dev.crmkit.core.message.OutgoingMessage;
import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.PhoneRecord;
import dev.crmkit.core.spi.StorageSession;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.crmkit.core.message.BrowserHandOff;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Messages. Public only for wiring; use {@link MessageService}.
 *
 * <p>Sending is three steps so that a slow or failing provider never holds the tenant's write lock
 * and a failure never leaves a trace: every check on a read snapshot, then the gateway call outside
 * any unit of work, then one unit of work recording the message, its activity and the counters.
 */
public final class DefaultMessageService implements MessageService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultMessageService.class);

    private final ServiceContext ctx;

    public DefaultMessageService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public MessageTemplate defineTemplate(Actor actor, MessageTemplate template) {
        Objects.requireNonNull(template, "template");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.MESSAGE_TEMPLATE_MANAGE);
            if (s.messages().findTemplate(template.key()).isPresent()) {
                throw new ConflictException(ErrorCode.MESSAGE_TEMPLATE_KEY_TAKEN,
                        "the tenant has a message template " + template.key() + " already");
            }
            s.messages().insertTemplate(template);
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "MESSAGE_TEMPLATE_DEFINED", template.key()));
            return template;
        });
    }

    @Override
    public MessageTemplate redefineTemplate(Actor actor, MessageTemplate template) {
        Objects.requireNonNull(template, "template");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.MESSAGE_TEMPLATE_MANAGE);
            if (!s.messages().updateTemplate(template)) {
                throw templateNotFound(template.key());
            }
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "MESSAGE_TEMPLATE_REDEFINED", template.key()));
            return template;
        });
    }

    @Override
    public void deleteTemplate(Actor actor, String key) {
        Objects.requireNonNull(key, "key");
        ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.MESSAGE_TEMPLATE_MANAGE);
            if (!s.messages().deleteTemplate(key)) {
                throw templateNotFound(key);
            }
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "MESSAGE_TEMPLATE_DELETED", key));
            return null;
        });
    }

    @Override
    public List<MessageTemplate> templates(Actor actor) {
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.MESSAGE_READ);
            return s.messages().templates();
        });
    }

    @Override
    public String preview(Actor actor, long customerId, String templateKey) {
        Objects.requireNonNull(templateKey, "templateKey");
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.MESSAGE_READ);
            MessageTemplate template = s.messages().findTemplate(templateKey).orElseThrow(() -> templateNotFound(templateKey));
            Customer customer = CustomerViews.viewOf(ctx, s, actor, level, customerId);
            return Placeholders.fill(template.body(), customer, UnaryOperator.identity());
        });
    }

    /** What the checks settled: where the message goes and what it says. */
    private record Prepared(PhoneNumber to, String text) {
    }

    @Override
    public Message send(Actor actor, long customerId, NewMessage in) {
        Objects.requireNonNull(in, "message");
        Prepared prepared = ctx.storage().read(actor.tenant(), s -> prepare(s, actor, customerId, in));
        String reference = UUID.randomUUID().toString();
        MessageGateway gateway = ctx.gateway();
        if (gateway == null) {
            throw new MessageNotSentException(null, "no message gateway is configured (Crm.builder(...).messageGateway)"
                    + (in.channel() == MessageChannel.WHATSAPP ? "; handToBrowser gives the agent a WhatsApp link" : ""),
                    null);
        }
        String providerId;
        try {
            providerId = gateway.send(new OutgoingMessage(actor.tenant(), reference, in.channel(), prepared.to(),
                    prepared.text()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // The provider's message may quote the number or the text: it goes to the caller, and to
            // the log only at DEBUG.
            LOG.warn("{} message {} to customer {} of tenant {} not sent: the gateway failed with {}",
                    in.channel(), reference, customerId, actor.tenant(), e.getClass().getName());
            LOG.debug("{} message {} not sent", in.channel(), reference, e);
            throw new MessageNotSentException(reference, "the " + in.channel() + " gateway did not send the message: "
                    + e.getMessage(), e);
        }
        Instant sentAt = ctx.now();
        try {
            return ctx.storage().write(actor.tenant(), s -> record(s, actor, customerId, in, prepared, reference,
                    providerId, sentAt, false));
        } catch (RuntimeException e) {
            // Sent but not recorded (the customer deleted meanwhile, or the store failing): the host
            // needs to know, with the reference its gateway saw, to reconcile.
            LOG.error("{} message {} to customer {} of tenant {} was sent (provider id {}) but could not be recorded: {}",
                    in.channel(), reference, customerId, actor.tenant(), providerId, e.getClass().getName());
            throw e;
        }
    }

    @Override
    public BrowserHandOff handToBrowser(Actor actor, long customerId, NewMessage in) {
        Objects.requireNonNull(in, "message");
        if (in.channel() != MessageChannel.WHATSAPP) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID,
                    "only a WhatsApp message can be handed to the browser, not " + in.channel());
        }
        return ctx.storage().write(actor.tenant(), s -> {
            Prepared prepared = prepare(s, actor, customerId, in);
            Message message = record(s, actor, customerId, in, prepared, UUID.randomUUID().toString(), null,
                    ctx.now(), true);
            return new BrowserHandOff(clickToChat(prepared.to(), prepared.text()), message);
        });
    }

    /**
     * WhatsApp's click-to-chat link: the number's international digits, and the text URL-encoded
     * (spaces as {@code %20}, which every WhatsApp client reads, rather than form encoding's {@code +}).
     */
    static String clickToChat(PhoneNumber to, String text) {
        return "https://wa.me/" + to.digits() + "?text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Prepared prepare(StorageSession s, Actor actor, long customerId, NewMessage in) {
        PermissionLevel level = ctx.authorizer().require(s, actor, Operation.MESSAGE_SEND);
        if (in.text() != null && !actor.admin()
                && !s.permissions().anyHasCapability(actor.groups(), Capability.FREE_TEXT_MESSAGES)) {
            throw new PermissionDeniedException("sending free text needs the capability "
                    + Capability.FREE_TEXT_MESSAGES + "; send a template instead");
        }
        CustomerRecord customer = DefaultCustomerService.load(s, customerId);
        PhoneRecord phone = in.phone() == null ? customer.phones().get(0)
                : customer.phones().get(DefaultCustomerService.requirePhone(ctx.phones(), customerId,
                        customer.phones(), in.phone()));
        if (phone.status() == PhoneStatus.INVALID) {
            throw new CrmValidationException(ErrorCode.PHONE_NOT_REACHABLE, "the number " + phone.number()
                    + " of customer " + customerId + " is marked INVALID");
        }
        String text = in.text();
        if (in.templateKey() != null) {
            MessageTemplate template = s.messages().findTemplate(in.templateKey())
                    .orElseThrow(() -> templateNotFound(in.templateKey()));
            if (!template.active()) {
                throw new CrmValidationException(ErrorCode.MESSAGE_TEMPLATE_INACTIVE,
                        "the message template " + template.key() + " is inactive");
            }
            if (!template.channels().contains(in.channel())) {
                throw new CrmValidationException(ErrorCode.MESSAGE_TEMPLATE_INACTIVE, "the message template "
                        + template.key() + " is for " + template.channels() + ", not " + in.channel());
            }
            Customer view = CustomerViews.viewOf(ctx, s, actor, level, customerId);
            text = Placeholders.fill(template.body(), view, UnaryOperator.identity());
            if (text.length() > in.channel().maxLength()) {
                throw new CrmValidationException(ErrorCode.VALUE_TOO_LONG, "filled in for customer " + customerId
                        + ", the template " + template.key() + " has " + text.length() + " characters; a "
                        + in.channel() + " message has at most " + in.channel().maxLength());
            }
        }
        return new Prepared(phone.number(), text);
    }

    private Message record(StorageSession s, Actor actor, long customerId, NewMessage in, Prepared prepared,
                           String reference, String providerId, Instant sentAt, boolean handedToBrowser) {
        CustomerRecord current = DefaultCustomerService.load(s, customerId);
        List<PhoneRecord> phones = new ArrayList<>(current.phones());
        LocalDate today = LocalDate.ofInstant(sentAt, ctx.zoneOf(actor.tenant()));
        // The number may have been removed since the checks; the message went out all the same.
        for (int i = 0; i < phones.size(); i++) {
            if (phones.get(i).number().equals(prepared.to())) {
                phones.set(i, DefaultCustomerService.contacted(phones.get(i), today));
            }
        }
        CustomerRecord updated = current.toBuilder().phones(phones).totalContacts(current.totalContacts() + 1)
                .lastContactAt(sentAt).version(current.version() + 1).updatedAt(sentAt).build();
        if (!s.customers().update(updated, current.version())) {
            throw new ConflictException(ErrorCode.VERSION_CONFLICT, "customer " + customerId
                    + " changed while the message was recorded");
        }
        Message message = new Message(0, customerId, in.channel(), prepared.to(), in.templateKey(), prepared.text(),
                actor.userId(), sentAt, reference, providerId);
        long id = s.messages().append(message);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("event", in.channel().name());
        data.put("messageId", Long.toString(id));
        data.put("phone", prepared.to().e164());
        data.put("reference", reference);
        if (in.templateKey() != null) {
            data.put("template", in.templateKey());
        }
        if (handedToBrowser) {
            data.put("delivery", "browser");
        }
        ActivityType type = in.channel() == MessageChannel.SMS ? ActivityType.SMS : ActivityType.WHATSAPP;
        String text = handedToBrowser ? "Handed to the agent's browser to send: " + prepared.text() : prepared.text();
        s.activities().append(new Activity(0, customerId, type, actor.userId(), sentAt, text, List.of(), data));
        return message.withId(id);
    }

    @Override
    public List<Message> list(Actor actor, long customerId, int limit) {
        DefaultCustomerService.checkLimit(limit);
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.MESSAGE_READ);
            DefaultCustomerService.load(s, customerId);
            return s.messages().list(customerId, limit);
        });
    }

    private static NotFoundException templateNotFound(String key) {
        return new NotFoundException(ErrorCode.MESSAGE_TEMPLATE_NOT_FOUND, "no message template " + key);
    }
}
