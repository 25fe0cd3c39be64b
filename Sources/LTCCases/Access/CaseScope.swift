/// Which cases (and their people) an actor may see, as a store filters them:
/// administrators and auditors see every case; an institution, the cases of
/// its clients (enrolled with it now or before, or naming it);
/// an assessor, the cases they are assigned to or have assessed.
public enum CaseScope: Sendable, Hashable {
    case all
    case institution(String)
    case assessor(String)
}
