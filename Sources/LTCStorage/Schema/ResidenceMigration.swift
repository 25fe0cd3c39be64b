/// The SQL of the migration that keeps the region a beneficiary lives in,
/// where it is not the scheme's (异地, `Residence`), in a column of `cases`,
/// so that reports sum such beneficiaries' use apart in SQL; and a person's
/// contribution tier (`InsuredGroup`), which benefit tables may price; and
/// whether a case holds other subsidies, so that settlement finds the cases
/// whose deducted subsidies come off the care statements.
/// Shared by both engines. Never edited once released.
enum ResidenceMigration {
    static let name = "residence-and-tiers"

    static let sql = """
        ALTER TABLE people ADD COLUMN tier INTEGER CHECK (tier BETWEEN 1 AND 9);
        ALTER TABLE cases ADD COLUMN residence TEXT;
        ALTER TABLE cases ADD COLUMN subsidised INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX cases_subsidised ON cases(id) WHERE subsidised = 1;
        CREATE INDEX cases_by_residence ON cases(residence) WHERE residence IS NOT NULL;
        """
}
