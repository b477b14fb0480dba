using System.Text;
using StarRocks.Typed.StandIn.Loading;

namespace StarRocks.Typed.StandIn.Tests.Loading;

/// <summary>
/// StarRocks's own CSV reader cases (be/test/formats/csv/csv_reader_test.cpp, be/test/exec/csv_scanner_test.cpp and
/// be/test/formats/csv/csv_record_framer_test.cpp), restated with our own data, one behaviour per test.
/// </summary>
public sealed class CsvRowReaderTests
{
    private static readonly LoadOptions Comma = new() { ColumnSeparator = ","u8.ToArray() };
    private static readonly LoadOptions Quoted = Comma with { Enclose = (byte)'"' };
    private static readonly LoadOptions QuotedEscaped = Quoted with { Escape = (byte)'\\' };

    private static string?[][] Rows(string body, LoadOptions options) =>
        [.. CsvRowReader.Read(Encoding.UTF8.GetBytes(body), options).Select(row => row.Fields!)];

    // ---- plain path: next_record(Record*) + split_record ----

    [Fact]
    public void Plain_fields_are_cut_at_every_separator_including_leading_and_trailing_ones()
    {
        Assert.Equal([["x", "y", "z"], ["", "", ""], ["p", "q", ""], ["", "r", "s"]], Rows("x,y,z\n,,\np,q,\n,r,s\n", Comma));
    }

    [Fact]
    public void Plain_multi_byte_separator_and_delimiter()
    {
        Assert.Equal([["1", "a"], ["2", "b|c"]], Rows("1||a<br>2||b|c<br>", Comma with { ColumnSeparator = "||"u8.ToArray(), RowDelimiter = "<br>"u8.ToArray() }));
    }

    [Fact]
    public void Plain_trim_space_trims_spaces_on_both_sides_before_the_null_marker_is_compared()
    {
        Assert.Equal([["k", "v w", null, ""]], Rows("  k , v w ,  \\N ,   \n", Comma with { TrimSpace = true }));
    }

    [Fact]
    public void Plain_path_keeps_a_carriage_return_in_the_last_field()
    {
        Assert.Equal([["a", "b\r"], ["c", "d\r"]], Rows("a,b\r\nc,d\r\n", Comma));
    }

    [Fact]
    public void Plain_blank_records_are_skipped_and_a_last_record_needs_no_delimiter()
    {
        Assert.Equal([["1", "2"], ["3", "4"]], Rows("\n1,2\n\n\n3,4", Comma));
    }

    [Fact]
    public void Plain_skip_header_counts_raw_lines()
    {
        Assert.Equal([["5", "6"]], Rows("name\n\nid,v\n5,6\n", Comma with { SkipHeader = 3 }));
    }

    [Fact]
    public void Only_the_exact_null_marker_is_NULL()
    {
        Assert.Equal([[null, "", "\\\\N", "a\\N", "\\n"]], Rows("\\N,,\\\\N,a\\N,\\n\n", Comma));
    }

    [Fact]
    public void A_record_that_is_not_UTF8_is_rejected()
    {
        var rows = CsvRowReader.Read([(byte)'1', (byte)',', 0xC3, (byte)'\n', (byte)'2', (byte)',', (byte)'b', (byte)'\n'], Quoted);
        Assert.Equal(CsvRowReader.InvalidUtf8, rows[0].Error);
        Assert.Equal<string?[]>(["2", "b"], rows[1].Fields!);
    }

    // ---- the state machine: more_rows() ----

    [Fact]
    public void A_doubled_quote_inside_an_enclosure_is_one_quote_and_the_field_goes_on()
    {
        Assert.Equal([["a", "he said \"hi\"", "b"], ["c", "d", "e"]], Rows("a,\"he said \"\"hi\"\"\",b\nc,d,e\n", Quoted));
    }

    [Fact]
    public void Enclosed_fields_hold_separators_delimiters_and_doubled_quotes()
    {
        var options = Quoted with { ColumnSeparator = "|"u8.ToArray(), Escape = (byte)'\\', TrimSpace = true };
        var body = "1|\"p\"|xyz\n2|\"q|Q\"|\"\"\n3|\"r\nline,2\"|f\n\"4\"|s|\"u|v\nw\"\n5|\"\"\"tt\"\"\"|\"\"\n6|\"\"|mn\n7|\"\"\"uv\"\"\"|\"m\"\"n\"";
        Assert.Equal(
            [["1", "p", "xyz"], ["2", "q|Q", ""], ["3", "r\nline,2", "f"], ["4", "s", "u|v\nw"], ["5", "\"tt\"", ""], ["6", "", "mn"], ["7", "\"uv\"", "m\"n"]],
            Rows(body, options));
    }

    [Fact]
    public void Escape_makes_quotes_separators_delimiters_and_itself_literal()
    {
        var options = QuotedEscaped with { ColumnSeparator = "|"u8.ToArray(), TrimSpace = true };
        var body = "1|\\\"pp\\\"|xy\\\"\n2|qq\\|QQ|\"\"\n3|rr\\\nline|\"\"\"f\"\n\"4\"|ss|u\\|v\\\nw\n5|\\\\tt|\"\"\n";
        Assert.Equal(
            [["1", "\"pp\"", "xy\""], ["2", "qq|QQ", ""], ["3", "rr\nline", "\"f"], ["4", "ss", "u|v\nw"], ["5", "\\tt", ""]],
            Rows(body, options));
    }

    [Fact]
    public void Trim_space_drops_leading_spaces_and_trailing_spaces_only_after_a_closing_quote()
    {
        var options = Quoted with { ColumnSeparator = "|"u8.ToArray(), TrimSpace = true };
        Assert.Equal([["1", "pq  ", "rs  "], ["2", " tu", "x"]], Rows("1|  \"pq  \"     |  rs  \n2|\" tu\"   |x\n", options));
    }

    [Fact]
    public void Trim_space_with_enclose_and_escape_keeps_what_is_inside_the_quotes()
    {
        var options = QuotedEscaped with { Enclose = (byte)'\'', TrimSpace = true };
        Assert.Equal([["1", "  Ann,  b\n\nc\'d  ", "30"], ["2", " Bo 'b", "31"]], Rows("1,'  Ann,  b\n\nc\\'d  ',30\n2, ' Bo \\'b'   ,31\n", options));
    }

    [Fact]
    public void A_quoted_field_may_start_with_doubled_quotes()
    {
        Assert.Equal([["7", "\"Big\" Ben Clock", "Tower", "", "1"]], Rows("7,\"\"\"Big\"\" Ben Clock\",Tower,,1", QuotedEscaped));
    }

    [Fact]
    public void A_CRLF_after_the_closing_quote_of_the_last_field_is_dropped()
    {
        var options = Quoted with { Enclose = (byte)'\'' };
        Assert.Equal([["a", "{\"k\":1}"], ["'v1", "v2", "it's"]], Rows("a,'{\"k\":1}'\r\n'''v1',v2,'it''s'\r\n", options));
    }

    [Fact]
    public void Outside_an_enclosure_a_lone_quote_is_dropped_and_a_doubled_one_is_one_quote()
    {
        Assert.Equal([["say \"hi\"", "say hi"], ["cd", "x"]], Rows("say \"\"hi\"\",say \"hi\"\ncd,x\"\n", Quoted));
    }

    [Fact]
    public void A_lone_quote_does_not_swallow_the_row_delimiter()
    {
        Assert.Equal([["ab"], ["cd"], ["ef"]], Rows("ab\"\ncd\nef\n", Quoted));
    }

    [Fact]
    public void An_escaped_byte_inside_an_enclosure_keeps_the_field_open()
    {
        Assert.Equal([["a", "xyz\nq", "b"], ["c", "d", "e"]], Rows("a,\"x\\yz\nq\",b\nc,d,e\n", QuotedEscaped));
    }

    [Fact]
    public void The_null_marker_is_compared_after_escapes_and_quotes_are_removed()
    {
        Assert.Equal([["N", null, null, "\\N\\"]], Rows("\\N,\\\\N,\"\\\\N\",\\\\N\\\\\n", QuotedEscaped));
        Assert.Equal([[null, null]], Rows("\"\\N\",\\N\n", Quoted));
    }

    [Fact]
    public void With_enclose_but_no_escape_NUL_is_the_escape_byte()
    {
        Assert.Equal([["a\0b", "c,d"]], Rows("a\0\0b,c\0,d\n", Quoted));
    }

    [Fact]
    public void State_machine_skips_blank_lines_and_with_trim_space_lines_of_spaces()
    {
        Assert.Equal([["1", "a"], ["2", "b"]], Rows("\n1,a\n\n   \n2,b\n", Quoted with { TrimSpace = true }));
    }

    [Fact]
    public void An_enclosed_empty_field_is_a_record_not_a_blank_line()
    {
        Assert.Equal([[""], ["x"]], Rows("\"\"\nx\n", Quoted));
    }

    [Fact]
    public void Skip_header_ignores_quotes_even_when_enclose_is_set()
    {
        Assert.Equal([["x"], ["1", "a"]], Rows("\"h\nx\"\n1,a\n", Quoted with { SkipHeader = 1 }));
    }

    [Fact]
    public void An_unclosed_quote_runs_to_the_end_and_loses_its_last_byte()
    {
        Assert.Equal([["1", "abc\n2,d"]], Rows("1,\"abc\n2,de", Quoted));
    }

    [Fact]
    public void Bytes_between_a_closing_quote_and_the_separator_are_lost()
    {
        Assert.Equal([["ab\"", "c"]], Rows("\"ab\"x,c\n", Quoted));
    }

    [Fact]
    public void State_machine_reads_multi_byte_separators_and_delimiters()
    {
        var options = Quoted with { ColumnSeparator = "^^"u8.ToArray(), RowDelimiter = "<br>"u8.ToArray() };
        Assert.Equal([["1", "a^^b<br>c"], ["2", "d"]], Rows("1^^\"a^^b<br>c\"<br>2^^d", options));
    }

    [Fact]
    public void A_multi_byte_row_delimiter_ending_the_body_is_read_as_data_as_StarRocks_does()
    {
        // is_row_delimiter needs a byte after a multi-byte delimiter; at the end of the data there is none
        var options = Quoted with { RowDelimiter = "||"u8.ToArray() };
        Assert.Equal([["1", "a"], ["2", "b|"]], Rows("1,a||2,b||", options));
        Assert.Equal([["a", "x\r\ny"], ["b", "c\r\n"]], Rows("a,\"x\r\ny\"\r\nb,c\r\n", Quoted with { RowDelimiter = "\r\n"u8.ToArray() }));
        Assert.Equal([["a", "b"], ["c", "d"]], Rows("a,b\r\nc,d", Quoted with { RowDelimiter = "\r\n"u8.ToArray() }));
    }
}
