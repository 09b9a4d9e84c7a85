using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace WebsocketProxy.Packaging.Tests;

/// <summary>A .nupkg opened for inspection: its file list, its nuspec, and the types an assembly in it defines.</summary>
internal sealed class PackageReader : IDisposable
{
    private readonly ZipArchive _archive;

    public PackageReader(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not packed.");
        _archive = ZipFile.OpenRead(path);
        Entries = [.. _archive.Entries.Select(e => e.FullName)];
        var nuspec = _archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var document = XDocument.Load(stream);
        Metadata = document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public IReadOnlyList<string> Entries { get; }

    public XElement Metadata { get; }

    public string? Value(string name) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>(id, version) of every dependency, all target-framework groups together.</summary>
    public IReadOnlyList<(string Id, string Version)> Dependencies =>
        [.. Metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!))];

    public IReadOnlyList<string> FrameworkReferences =>
        [.. Metadata.Descendants().Where(e => e.Name.LocalName == "frameworkReference").Select(e => (string)e.Attribute("name")!)];

    public IReadOnlyList<string> PackageTypes =>
        [.. Metadata.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string)e.Attribute("name")!)];

    public string ReadText(string entry)
    {
        using var reader = new StreamReader(_archive.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Namespace-qualified names of the types an assembly in the package defines, and the assemblies it references.</summary>
    public (IReadOnlyList<string> Types, IReadOnlyList<string> References) ReadAssembly(string entry)
    {
        using var copy = new MemoryStream();
        using (var stream = _archive.GetEntry(entry)!.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        using var pe = new PEReader(copy);
        var metadata = pe.GetMetadataReader();
        var types = metadata.TypeDefinitions.Select(metadata.GetTypeDefinition)
            .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}").ToList();
        var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToList();
        return (types, references);
    }

    public void Dispose() => _archive.Dispose();
}
