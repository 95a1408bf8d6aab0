using System.Runtime.CompilerServices;

// The storage tests check the Shared Key string-to-sign, block ids and XML parsing directly.
[assembly: InternalsVisibleTo("Pipeline.Storage.Tests")]
