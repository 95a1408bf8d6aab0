using System.Text;

namespace Pipeline.Grains.Input.Csv;

/// <summary>
/// Decodes UTF-8 without losing invalid bytes: each byte that is not part of a valid sequence becomes
/// <see cref="Mark"/> followed by its two hex digits, instead of a U+FFFD that would make two different values equal.
/// <see cref="Seen"/> tells whether any mark was made, so clean files are never scanned for marks; a row that holds
/// one is quarantined and its raw text shows the bytes as <c>\xHH</c> (<see cref="Escape"/>).
/// A noncharacter is used as the mark because the decoder may only produce well-formed UTF-16.
/// </summary>
public sealed class InvalidUtf8Marks : DecoderFallback
{
    /// <summary>U+FDD0, a Unicode noncharacter (reserved for internal use).</summary>
    public const char Mark = '\uFDD0';

    /// <summary>True once an invalid byte was decoded.</summary>
    public bool Seen { get; private set; }

    public override int MaxCharCount => 3 * 4;

    /// <summary>A UTF-8 encoding (BOM skipped by readers) that marks invalid bytes through this fallback.</summary>
    public Encoding CreateEncoding()
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).Clone();
        encoding.DecoderFallback = this;
        return encoding;
    }

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    /// <summary>The text with every mark and its hex digits replaced by <c>\xHH</c>.</summary>
    public static string Escape(string text)
    {
        if (text.IndexOf(Mark) < 0) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c == Mark) sb.Append("\\x");
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private sealed class Buffer(InvalidUtf8Marks owner) : DecoderFallbackBuffer
    {
        private char[] _chars = new char[3 * 4];
        private int _count, _next;

        public override int Remaining => _count - _next;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            owner.Seen = true;
            _count = _next = 0;
            if (_chars.Length < 3 * bytesUnknown.Length) _chars = new char[3 * bytesUnknown.Length];
            foreach (var b in bytesUnknown)
            {
                _chars[_count++] = Mark;
                _chars[_count++] = HexDigit(b >> 4);
                _chars[_count++] = HexDigit(b & 0xF);
            }
            return true;
        }

        public override char GetNextChar() => _next < _count ? _chars[_next++] : '\0';

        public override bool MovePrevious()
        {
            if (_next == 0) return false;
            _next--;
            return true;
        }

        public override void Reset() => _count = _next = 0;

        private static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'A' + v - 10);
    }
}
