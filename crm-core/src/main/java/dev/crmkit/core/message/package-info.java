/**
 * SMS and WhatsApp messages to customers: templates with placeholders, free text for groups with
 * the capability, sending through the host's {@link dev.crmkit.core.message.MessageGateway}, and
 * each sent message kept on the customer's card as an activity.
 */
@NullMarked
package dev.crmkit.core.message;

import org.jspecify.annotations.NullMarked;
