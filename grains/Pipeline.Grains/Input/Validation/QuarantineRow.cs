namespace Pipeline.Grains.Input.Validation;

/// <summary>One row of the <c>quarantine</c> output table (contract: source_table, row_number, raw, reason_code, reason).</summary>
public sealed record QuarantineRow(string SourceTable, long RowNumber, string Raw, string ReasonCode, string Reason);

/// <summary>A rejected row's reason, produced by a validator and turned into a <see cref="QuarantineRow"/>.</summary>
public readonly record struct Rejection(QuarantineReason Reason, string Message);
