using System.Runtime.CompilerServices;
using Xunit;

namespace DeepLinear.Tests;

public class RegimeNamesTests
{
    [Fact]
    public void Every_enum_value_has_its_own_JSON_spelling()
    {
        Assert.Equal(["nontrivial-global", "trivial-global", "trivial-only"], Enum.GetValues<Regime>().Select(r => r.Name()));
        Assert.Equal(["global-minimum", "local-minimum", "saddle", "not-stationary"], Enum.GetValues<ZeroKind>().Select(k => k.Name()));
        Assert.Equal(["local-minimum", "saddle", "local-maximum"], Enum.GetValues<StationaryKind>().Select(k => k.Name()));
    }

    [Fact]
    public void A_value_outside_the_enum_throws_naming_it_instead_of_borrowing_a_spelling()
    {
        // before, a catch-all arm spelt every unknown Regime "trivial-only"
        Assert.Contains("3", Assert.Throws<SwitchExpressionException>(() => ((Regime)3).Name()).Message);
        Assert.Throws<SwitchExpressionException>(() => ((ZeroKind)4).Name());
        Assert.Throws<SwitchExpressionException>(() => ((StationaryKind)(-1)).Name());
    }
}
