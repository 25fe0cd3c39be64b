/// The SQL of the migration that keeps the region a beneficiary lives in,
/// where it is not the scheme's (异地, `Residence`), in a column of `cases`,
/// so that reports sum such beneficiaries' use apart in SQL; and a person's
/// contribution tier (`InsuredGroup`), which benefit tables may price.
/// Shared by both engines. Never edited once released.
enum ResidenceMigration {
    static let name = "residence-and-tiers"

    static let sql = """
        ALTER TABLE people ADD COLUMN tier INTEGER CHECK (tier BETWEEN 1 AND 9);
        ALTER TABLE cases ADD COLUMN residence TEXT;
        CREATE INDEX cases_by_residence ON cases(residence) WHERE residence IS NOT NULL;
        """
}
