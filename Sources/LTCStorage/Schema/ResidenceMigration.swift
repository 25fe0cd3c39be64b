/// The SQL of the migration that keeps the region a beneficiary lives in,
/// where it is not the scheme's (异地, `Residence`), in a column of `cases`,
/// so that reports sum such beneficiaries' use apart in SQL. Shared by both
/// engines. Never edited once released.
enum ResidenceMigration {
    static let name = "case-residence"

    static let sql = """
        ALTER TABLE cases ADD COLUMN residence TEXT;
        CREATE INDEX cases_by_residence ON cases(residence) WHERE residence IS NOT NULL;
        """
}
