using SmartGrid.Ledger.Crypto;
using SmartGrid.Ledger.Tests.Support;

namespace SmartGrid.Ledger.Tests.Crypto;

/// <summary>Ed25519 keys as PEM (SubjectPublicKeyInfo and PKCS#8) and hex.</summary>
public class KeyFileTests
{
    // The RFC 8032 TEST 1 public key as SubjectPublicKeyInfo: 302a 3005 0603 2b6570 (id-Ed25519) 032100 <key>,
    // the text `openssl pkey -pubout` prints for it.
    private const string Test1PublicPem =
        "-----BEGIN PUBLIC KEY-----\n" +
        "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n" +
        "-----END PUBLIC KEY-----\n";

    // The RFC 8032 TEST 1 secret key as PKCS#8 v1 (no public key), what `openssl genpkey -algorithm ed25519` writes.
    private const string Test1OpenSslPrivatePem =
        "-----BEGIN PRIVATE KEY-----\n" +
        "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n" +
        "-----END PRIVATE KEY-----\n";

    [Fact]
    public void Public_key_pem_is_the_standard_subject_public_key_info()
    {
        KeyFile.ToPem(TestKeys.Meter.PublicKey).Should().Be(Test1PublicPem);
    }

    [Fact]
    public void Public_key_survives_a_pem_round_trip()
    {
        var key = TestKeys.Derived("pem-round-trip").PublicKey;

        KeyFile.ParsePublicKey(KeyFile.ToPem(key)).Should().Be(key);
    }

    [Fact]
    public void Private_key_survives_a_pem_round_trip()
    {
        var key = TestKeys.Derived("pem-round-trip");

        var parsed = KeyFile.ParsePrivateKey(KeyFile.ToPem(key));

        parsed.ExportPrivateKey().Should().Equal(key.ExportPrivateKey());
        parsed.PublicKey.Should().Be(key.PublicKey);
    }

    [Fact]
    public void Private_key_pem_is_the_pkcs8_v1_form_openssl_writes()
    {
        KeyFile.ToPem(TestKeys.Meter).Should().Be(Test1OpenSslPrivatePem);
    }

    [Fact]
    public void An_openssl_pkcs8_private_key_parses()
    {
        var key = KeyFile.ParsePrivateKey(Test1OpenSslPrivatePem);

        key.PublicKey.ToString().Should().Be(TestKeys.Rfc8032Test1Public);
    }

    [Theory]
    [InlineData(TestKeys.Rfc8032Test1Public)]
    [InlineData("  D75A980182B10AB7D54BFED3C964073A0EE172F3DAA62325AF021A68F707511A\n")]
    public void A_hex_public_key_parses(string text)
    {
        KeyFile.ParsePublicKey(text).ToString().Should().Be(TestKeys.Rfc8032Test1Public);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511")] // 63 hex digits
    [InlineData("0200000000000000000000000000000000000000000000000000000000000000")] // not a curve point
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n-----END PUBLIC KEY-----")] // y = 2
    [InlineData("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----")] // an X25519 key
    [InlineData("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n-----END PRIVATE KEY-----")]
    [InlineData("-----BEGIN PUBLIC KEY")]
    public void Garbage_is_not_a_public_key(string text)
    {
        FluentActions.Invoking(() => KeyFile.ParsePublicKey(text)).Should().ThrowExactly<FormatException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")] // hex is for public keys only
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PRIVATE KEY-----")] // a public key inside
    [InlineData(Test1PublicPem)]
    public void Garbage_is_not_a_private_key(string text)
    {
        FluentActions.Invoking(() => KeyFile.ParsePrivateKey(text)).Should().ThrowExactly<FormatException>();
    }

    [Fact]
    public void Key_files_round_trip_and_the_private_one_is_readable_by_its_owner_only()
    {
        var directory = Directory.CreateTempSubdirectory("smartgrid-keyfile-");
        try
        {
            var key = TestKeys.Derived("key-file");
            var privatePath = Path.Combine(directory.FullName, "meter.key");
            var publicPath = Path.Combine(directory.FullName, "meter.pub");

            KeyFile.WritePrivateKey(privatePath, key);
            KeyFile.WritePublicKey(publicPath, key.PublicKey);

            KeyFile.ReadPrivateKey(privatePath).PublicKey.Should().Be(key.PublicKey);
            KeyFile.ReadPublicKey(publicPath).Should().Be(key.PublicKey);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(privatePath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
