using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Switchyard.AspNetCore.FrontDoors.Responses;
using Switchyard.Providers.OpenAI;

namespace Switchyard.AspNetCore.Tests.FrontDoors.Responses;

/// <summary><see cref="InputItemsQuery"/>: the page a query selects from a response's input items (a, b, c, d, e, oldest first).</summary>
public sealed class InputItemsQueryTests
{
    private static readonly ResponsesListItem[] Items = [.. "abcde".Select(c => new ResponsesListItem(c.ToString(), Array.Empty<byte>()))];

    [Theory]
    [InlineData("", "edcba", false)]
    [InlineData("order=asc&limit=2", "ab", true)]
    [InlineData("order=asc&after=b&limit=2", "cd", true)]
    [InlineData("order=asc&after=c", "de", false)]
    [InlineData("after=c", "ba", false)]
    [InlineData("order=asc&before=d&limit=2", "bc", true)]
    [InlineData("order=asc&before=b&limit=2", "a", false)]
    [InlineData("order=asc&after=a&before=e&limit=2", "bc", true)]
    [InlineData("order=asc&after=d&before=b", "", false)]
    [InlineData("order=asc&after=e", "", false)]
    public void Select_Query_ReturnsTheItemsItNames(string query, string expected, bool hasMore)
    {
        var parsed = InputItemsQuery.Read(QueryOf(query), out var invalid);

        var page = parsed!.Select(Items, out var badCursor);

        Assert.Null(invalid);
        Assert.Null(badCursor);
        Assert.Equal(expected, string.Concat(page!.Value.Page.Select(i => i.Id)));
        Assert.Equal(hasMore, page.Value.HasMore);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=+5", "limit")]
    [InlineData("limit=1e1", "limit")]
    [InlineData("order=ASC", "order")]
    [InlineData("include=message.input_image.image_url&include=nope", "include")]
    public void Read_InvalidValue_NamesTheParameter(string query, string param)
    {
        Assert.Null(InputItemsQuery.Read(QueryOf(query), out var invalid));
        Assert.Equal(param, invalid!.Param);
    }

    [Fact]
    public void Select_CursorNotInTheList_NamesTheCursor()
    {
        var parsed = InputItemsQuery.Read(QueryOf("before=z"), out _);

        Assert.Null(parsed!.Select(Items, out var badCursor));
        Assert.Equal("before", badCursor!.Param);
    }

    private static QueryCollection QueryOf(string query) => new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));
}
