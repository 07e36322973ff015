package dev.crmkit.core.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * libphonenumber's validity rule for the national numbers of one region, read from its own
 * metadata and evaluated with one precompiled pattern per number length instead of one pattern per
 * number type. A number is valid when it has a possible length of the region, matches the region's
 * general pattern, and matches the pattern of at least one number type (premium rate, toll free,
 * shared cost, VoIP, personal, pager, UAN, voicemail, fixed line, mobile) whose possible lengths
 * allow its length: exactly what {@code PhoneNumberUtil.isValidNumber} decides for a region that
 * is the only one of its calling code. Thread-safe.
 */
final class MetadataValidity {

    private final int[] generalLengths;
    private final Pattern general;
    private final Map<Integer, Pattern> typesByLength;
    private final ThreadLocal<Map<Pattern, Matcher>> matchers = ThreadLocal.withInitial(HashMap::new);

    private MetadataValidity(PhoneMetadata metadata) {
        PhoneNumberDesc generalDesc = metadata.getGeneralDesc();
        this.generalLengths = lengths(generalDesc);
        this.general = Pattern.compile(generalDesc.getNationalNumberPattern());
        List<PhoneNumberDesc> types = List.of(metadata.getPremiumRate(), metadata.getTollFree(),
                metadata.getSharedCost(), metadata.getVoip(), metadata.getPersonalNumber(), metadata.getPager(),
                metadata.getUan(), metadata.getVoicemail(), metadata.getFixedLine(), metadata.getMobile());
        Map<Integer, List<String>> alternatives = new HashMap<>();
        for (int length = 1; length <= 17; length++) {
            for (PhoneNumberDesc desc : types) {
                if (desc.getNationalNumberPattern().isEmpty()) {
                    continue; // libphonenumber: an empty pattern matches nothing
                }
                int[] allowed = lengths(desc);
                if (allowed.length == 0 || contains(allowed, length)) {
                    alternatives.computeIfAbsent(length, k -> new ArrayList<>()).add(desc.getNationalNumberPattern());
                }
            }
        }
        this.typesByLength = new HashMap<>();
        alternatives.forEach((length, patterns) -> typesByLength.put(length,
                Pattern.compile("(?:" + String.join(")|(?:", patterns) + ")")));
    }

    /**
     * The rule of a region that is the only one of its calling code, or {@code null} if the
     * metadata cannot be read.
     */
    static @Nullable MetadataValidity forRegion(String region) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        int code = util.getCountryCodeForRegion(region);
        if (util.getRegionCodesForCountryCode(code).size() != 1) {
            return null;
        }
        PhoneMetadata metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                .getMetadataForRegion(region);
        return metadata == null ? null : new MetadataValidity(metadata);
    }

    /** Whether the national significant number, given as digits without leading zeros, is valid. */
    boolean isValid(String national) {
        int length = national.length();
        if (generalLengths.length > 0 && !contains(generalLengths, length)) {
            return false;
        }
        Pattern types = typesByLength.get(length);
        return types != null && matches(general, national) && matches(types, national);
    }

    private boolean matches(Pattern pattern, String input) {
        Matcher m = matchers.get().computeIfAbsent(pattern, p -> p.matcher(""));
        return m.reset(input).matches();
    }

    private static int[] lengths(PhoneNumberDesc desc) {
        return desc.getPossibleLengthList().stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
