using Platform.Testing;

[assembly: AssemblyFixture(typeof(PlatformInfrastructure))]
