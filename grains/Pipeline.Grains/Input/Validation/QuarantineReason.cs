namespace Pipeline.Grains.Input.Validation;

/// <summary>Why a row went to the quarantine table; <see cref="QuarantineReasons.Code"/> gives the contract's <c>reason_code</c>.</summary>
public enum QuarantineReason : byte
{
    DuplicateId, MissingField, MalformedField, UnknownEnum, UnknownFirm, UnknownCluster, SelfLink, NonPositiveWeight, NegativeValue,
}

/// <summary>Contract spellings of <see cref="QuarantineReason"/>.</summary>
public static class QuarantineReasons
{
    public static string Code(this QuarantineReason r) => r switch
    {
        QuarantineReason.DuplicateId => "duplicate_id",
        QuarantineReason.MissingField => "missing_field",
        QuarantineReason.MalformedField => "malformed_field",
        QuarantineReason.UnknownEnum => "unknown_enum",
        QuarantineReason.UnknownFirm => "unknown_firm",
        QuarantineReason.UnknownCluster => "unknown_cluster",
        QuarantineReason.SelfLink => "self_link",
        QuarantineReason.NonPositiveWeight => "non_positive_weight",
        QuarantineReason.NegativeValue => "negative_value",
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };
}
